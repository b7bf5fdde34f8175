package dev.fabric.reputation.topology;

import dev.fabric.events.EventIds;
import dev.fabric.events.v1.reputation.OperatorScore;
import dev.fabric.reputation.domain.Score;

/** The published form of a {@link Score}. */
final class OperatorScores {

    private OperatorScores() {
    }

    /**
     * The eventId names the operator and the evaluation instant: the same score evaluated at the
     * same time (a replay) has the same id, a decayed republication has a new one. occurredAt is the
     * instant the score is evaluated at; causationId the last evidence that moved it.
     */
    static OperatorScore event(Score score) {
        return OperatorScore.newBuilder()
                .setEventId(EventIds.of("OperatorScore", score.operatorId(), score.evaluatedAt().toEpochMilli()))
                .setCausationId(score.lastEvidenceId())
                .setOperatorId(score.operatorId())
                .setOccurredAt(score.evaluatedAt())
                .setScoreBps(score.scoreBps())
                .setLowerBound(score.lowerBound())
                .setMean(score.mean())
                .setSuccessWeight(score.successWeight())
                .setFailureWeight(score.failureWeight())
                .setSuccesses(score.successes())
                .setFailures(score.failures())
                .setAttestations(score.attestations())
                .setHalfLifeMs(score.halfLifeMs())
                .build();
    }
}
