package dev.fabric.auction.domain;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An operator's offer for a bid, as confirmed on the head. {@code withdrawnAt} is null while the
 * offer stands.
 */
public record Offer(
        String bidRef,
        String offerRef,
        String eventId,
        String operatorId,
        long price,
        Capacity offered,
        Instant expiry,
        Instant confirmedAt,
        Instant withdrawnAt) {

    public Offer {
        Objects.requireNonNull(bidRef, "bidRef");
        Objects.requireNonNull(offerRef, "offerRef");
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(operatorId, "operatorId");
        Objects.requireNonNull(offered, "offered");
        Objects.requireNonNull(expiry, "expiry");
        Objects.requireNonNull(confirmedAt, "confirmedAt");
        if (price < 0) {
            throw new IllegalArgumentException("price must be >= 0, got " + price);
        }
    }

    /** The violations of an offer's terms that make it meaningless; empty when it is sound. */
    public static List<String> termViolations(long price, Capacity offered) {
        List<String> problems = new java.util.ArrayList<>(offered.violations("offered"));
        if (price < 0) {
            problems.add("price must be >= 0, got " + price);
        }
        return problems;
    }

    /** This offer withdrawn at {@code at}; a second withdrawal keeps the first time. */
    public Offer withdrawn(Instant at) {
        return withdrawnAt != null ? this : new Offer(bidRef, offerRef, eventId, operatorId, price, offered, expiry, confirmedAt, at);
    }

    public boolean withdrawnBy(Instant at) {
        return withdrawnAt != null && !withdrawnAt.isAfter(at);
    }
}
