package dev.fabric.deployer.market;

import dev.fabric.deployer.domain.BidTerms;
import java.util.Objects;
import java.util.Optional;

/**
 * A bid this operator answered (Offer or race Accept) whose outcome is not known yet. It keeps the
 * bid's terms: the lease that may follow names only the bid, and provisioning needs the workload.
 *
 * @param producedRef the Offer output (auction) or Lease output (race) the head reported
 */
public record OpenOffer(BidTerms terms, long price, Optional<String> producedRef) {

    public OpenOffer {
        Objects.requireNonNull(terms, "terms");
        Objects.requireNonNull(producedRef, "producedRef");
    }

    /** Whether an Offer UTxO exists that must be withdrawn if this operator does not win. */
    public Optional<String> withdrawableOfferRef() {
        return terms.mode() == dev.fabric.deployer.domain.AllocationKind.RACE ? Optional.empty() : producedRef;
    }
}
