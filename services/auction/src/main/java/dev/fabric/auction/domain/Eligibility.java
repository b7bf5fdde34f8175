package dev.fabric.auction.domain;

import java.time.Instant;
import java.util.Optional;

/**
 * Whether an offer may win a bid at a decision instant, and if not, the first reason why. Checks run
 * in a fixed order (time first, then terms) so that an offer failing several is always explained
 * the same way.
 */
public final class Eligibility {

    /** Why an offer cannot win. */
    public record Loss(Outcome outcome, String detail) {
    }

    private Eligibility() {
    }

    /**
     * @param confirmedBefore the offer must have been confirmed strictly before this instant
     * @param decidedAt       the instant the offer must still stand at (not withdrawn, not expired)
     */
    public static Optional<Loss> check(Bid bid, Offer offer, Instant confirmedBefore, Instant decidedAt) {
        if (!offer.confirmedAt().isBefore(confirmedBefore)) {
            return Optional.of(new Loss(Outcome.LATE,
                    "confirmed at " + offer.confirmedAt() + ", not before the close at " + confirmedBefore));
        }
        if (offer.withdrawnBy(decidedAt)) {
            return Optional.of(new Loss(Outcome.WITHDRAWN, "withdrawn at " + offer.withdrawnAt()));
        }
        if (!offer.expiry().isAfter(decidedAt)) {
            return Optional.of(new Loss(Outcome.EXPIRED,
                    "offer expires at " + offer.expiry() + ", not after the decision at " + decidedAt));
        }
        if (!bid.allows(offer.operatorId())) {
            return Optional.of(new Loss(Outcome.NOT_ALLOWED, "operator " + offer.operatorId() + " is not in the bid's allowed operators"));
        }
        if (!bid.priceInRange(offer.price())) {
            return Optional.of(new Loss(Outcome.PRICE_OUT_OF_RANGE,
                    "price " + offer.price() + " outside " + bid.minPrice() + ".." + bid.maxPrice()));
        }
        if (!offer.offered().covers(bid.request())) {
            return Optional.of(new Loss(Outcome.RESOURCES_SHORT, offer.offered().shortfall(bid.request())));
        }
        return Optional.empty();
    }

    /** Eligible in a window closing at {@code closeAt}: confirmed before it and standing at it. */
    public static Optional<Loss> inWindow(Bid bid, Offer offer, Instant closeAt) {
        return check(bid, offer, closeAt, closeAt);
    }

    public static boolean eligibleInWindow(Bid bid, Offer offer, Instant closeAt) {
        return inWindow(bid, offer, closeAt).isEmpty();
    }
}
