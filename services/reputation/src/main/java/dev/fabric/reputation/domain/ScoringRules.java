package dev.fabric.reputation.domain;

import java.util.Objects;

/**
 * The knobs of the score.
 *
 * @param halfLife          decay of every piece of evidence and of attestation priors
 * @param passedPriorWeight successes' worth of weight a PASSED attestation adds (at audit time)
 * @param failedPriorWeight failures' worth of weight a FAILED attestation adds (at audit time)
 * @param evidenceKept      how many of the latest evidence events an explanation lists
 */
public record ScoringRules(HalfLife halfLife, double passedPriorWeight, double failedPriorWeight, int evidenceKept) {

    /** Level of the published interval: the score is its lower end. */
    public static final double INTERVAL_LEVEL = 0.95;
    /** Beta(1, 1): before any evidence every success rate is equally plausible. */
    public static final double BASE_ALPHA = 1.0;
    public static final double BASE_BETA = 1.0;

    public ScoringRules {
        Objects.requireNonNull(halfLife, "halfLife");
        if (!(passedPriorWeight >= 0) || Double.isInfinite(passedPriorWeight)) {
            throw new IllegalArgumentException("passed prior weight must be a finite number >= 0, was " + passedPriorWeight);
        }
        if (!(failedPriorWeight >= 0) || Double.isInfinite(failedPriorWeight)) {
            throw new IllegalArgumentException("failed prior weight must be a finite number >= 0, was " + failedPriorWeight);
        }
        if (evidenceKept < 1) {
            throw new IllegalArgumentException("evidence kept must be >= 1, was " + evidenceKept);
        }
    }

    /** The defaults of the issue: 30-day half-life, an attestation worth two outcomes, 20 events explained. */
    public static ScoringRules defaults() {
        return new ScoringRules(HalfLife.ofDays(30), 2.0, 2.0, 20);
    }

    double priorWeight(AttestationRecord.Verdict verdict) {
        return verdict == AttestationRecord.Verdict.PASSED ? passedPriorWeight : failedPriorWeight;
    }
}
