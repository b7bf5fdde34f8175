package dev.fabric.auction.domain;

import java.time.Instant;
import java.util.OptionalInt;

/**
 * Operators' reputation scores as they stood at an instant of event time. Looking scores up "as of
 * the decision" rather than "latest" keeps a replay's decisions equal to the original ones even
 * after scores have moved on.
 */
@FunctionalInterface
public interface ScoreBook {

    /** An empty book: nobody has a score. */
    ScoreBook NONE = (operatorId, at) -> OptionalInt.empty();

    /** The operator's score in basis points at {@code at}, or empty if it had none then. */
    OptionalInt scoreBps(String operatorId, Instant at);
}
