package dev.fabric.auction.api;

import java.time.Instant;
import java.util.List;

/**
 * An auction as the REST API shows it. For an open auction {@code ranking} is provisional (what the
 * rule would decide with the offers so far) and {@code timeLeftMs} counts down to {@code closesAt};
 * for a closed one the ranking is the decided one. Summaries (lists) leave offers and ranking empty.
 */
public record AuctionView(
        String bidRef,
        String status,
        String mode,
        String rule,
        Instant openedAt,
        Instant closesAt,
        Instant deadline,
        Long timeLeftMs,
        Long minPrice,
        Long maxPrice,
        Instant closedAt,
        String reason,
        int offerCount,
        List<OfferView> offers,
        boolean rankingFinal,
        List<RankedView> ranking) {

    /** An offer kept for the auction. */
    public record OfferView(String offerRef, String operatorId, long price, Instant confirmedAt, Instant expiry, Instant withdrawnAt) {
    }

    /** One line of a ranking. */
    public record RankedView(int rank, String offerRef, String operatorId, long price, Integer scoreBps, Instant confirmedAt,
                             String outcome, String detail) {
    }
}
