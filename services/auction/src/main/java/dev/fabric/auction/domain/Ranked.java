package dev.fabric.auction.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * One line of a decision's ranking: rank 1 is the winner, eligible losers are 2..n, offers that
 * could not win are 0. {@code offerRef} is null for a race accept; {@code scoreBps} is the
 * operator's score at the decision, if it had one.
 */
public record Ranked(
        int rank,
        String offerRef,
        String operatorId,
        long price,
        OptionalInt scoreBps,
        Instant confirmedAt,
        Outcome outcome,
        String detail) {

    public Ranked {
        Objects.requireNonNull(operatorId, "operatorId");
        Objects.requireNonNull(scoreBps, "scoreBps");
        Objects.requireNonNull(confirmedAt, "confirmedAt");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(detail, "detail");
    }
}
