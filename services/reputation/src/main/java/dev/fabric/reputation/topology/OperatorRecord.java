package dev.fabric.reputation.topology;

import dev.fabric.reputation.domain.OperatorReputation;
import java.time.Instant;
import java.util.Objects;

/**
 * Value of {@code reputation-score-store}: the operator's reputation plus what was last published
 * for it, so that periodic decay publishes only when the published number changes and never
 * publishes a score as of an earlier time than one already out.
 *
 * @param publishedBps   scoreBps of the last OperatorScore written
 * @param lastEvaluatedAt evaluation time of that OperatorScore
 */
public record OperatorRecord(OperatorReputation reputation, int publishedBps, Instant lastEvaluatedAt) {

    public OperatorRecord {
        Objects.requireNonNull(reputation, "reputation");
        Objects.requireNonNull(lastEvaluatedAt, "lastEvaluatedAt");
    }
}
