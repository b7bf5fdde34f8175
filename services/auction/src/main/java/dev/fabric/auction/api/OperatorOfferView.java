package dev.fabric.auction.api;

import java.time.Instant;

/**
 * One of an operator's offers and where it stands: {@code auctionStatus} is its bid's status;
 * {@code outcome} and {@code rank} come from the decided ranking once the auction closed (null while open).
 */
public record OperatorOfferView(
        String bidRef,
        String offerRef,
        long price,
        Instant confirmedAt,
        Instant withdrawnAt,
        String auctionStatus,
        String outcome,
        Integer rank,
        String detail) {
}
