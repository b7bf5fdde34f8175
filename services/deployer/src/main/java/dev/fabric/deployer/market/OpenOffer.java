package dev.fabric.deployer.market;

import dev.fabric.deployer.adapter.HeadGateway;
import dev.fabric.deployer.domain.AllocationKind;
import dev.fabric.deployer.domain.BidTerms;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A bid this operator answered (Offer or race Accept) whose outcome is not known yet.
 *
 * @param deadline            the bid's deadline: without news by then (plus grace), the answer is given up
 * @param withdrawableOfferRef the Offer output to withdraw if this operator does not win (none for a race Accept)
 * @param terms               the bid as this process saw it: the lease that may follow names only the bid,
 *                            and provisioning needs the workload. Empty for an offer found on the head after a
 *                            restart (the head has the bid's datum, not its workload; the lease then finds
 *                            the bid on {@code fabric.bids}).
 */
public record OpenOffer(String bidRef, Instant deadline, long price, Optional<String> withdrawableOfferRef, Optional<BidTerms> terms) {

    public OpenOffer {
        Objects.requireNonNull(bidRef, "bidRef");
        Objects.requireNonNull(deadline, "deadline");
        Objects.requireNonNull(withdrawableOfferRef, "withdrawableOfferRef");
        Objects.requireNonNull(terms, "terms");
    }

    /**
     * @param producedRef the Offer output (auction) or Lease output (race) the head reported
     */
    public static OpenOffer answered(BidTerms terms, long price, Optional<String> producedRef) {
        return new OpenOffer(terms.bidRef(), terms.deadline(), price,
                terms.mode() == AllocationKind.RACE ? Optional.empty() : producedRef, Optional.of(terms));
    }

    /** An Offer output of this operator found on the head after a restart. */
    public static OpenOffer recovered(HeadGateway.HeldOffer offer) {
        return new OpenOffer(offer.bidRef(), offer.expiry(), offer.price(), Optional.of(offer.offerRef()), Optional.empty());
    }
}
