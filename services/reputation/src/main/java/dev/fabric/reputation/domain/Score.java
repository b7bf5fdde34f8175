package dev.fabric.reputation.domain;

import java.time.Instant;

/**
 * An operator's score evaluated at one instant: the posterior Beta(1 + successWeight,
 * 1 + failureWeight), its mean and 95% interval. {@link #scoreBps()} is the published number.
 *
 * @param successWeight decayed successes including attestation priors
 * @param failureWeight decayed failures including attestation priors
 * @param attestations  auditors whose latest attestation counts
 */
public record Score(String operatorId, Instant evaluatedAt, int scoreBps, ConfidenceInterval interval, double mean,
                    double successWeight, double failureWeight, long successes, long failures, int attestations,
                    long halfLifeMs, String lastEvidenceId) {

    public double lowerBound() {
        return interval.lower();
    }
}
