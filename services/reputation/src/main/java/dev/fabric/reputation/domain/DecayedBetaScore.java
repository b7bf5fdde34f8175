package dev.fabric.reputation.domain;

import java.time.Instant;

/**
 * The scoring rule (see DESIGN.md beside this class): decay every weight to the evaluation time,
 * add the attestation priors, take the Beta posterior and publish the lower end of its 95%
 * equal-tailed interval in basis points, rounded down.
 */
public final class DecayedBetaScore {

    private DecayedBetaScore() {
    }

    public static Score evaluate(OperatorReputation reputation, Instant at, ScoringRules rules) {
        HalfLife halfLife = rules.halfLife();
        long t = at.toEpochMilli();
        double toNow = halfLife.factor(reputation.asOf().toEpochMilli(), t);
        double s = reputation.successWeight() * toNow;
        double f = reputation.failureWeight() * toNow;
        for (AttestationRecord attestation : reputation.attestations()) {
            double prior = rules.priorWeight(attestation.verdict()) * halfLife.factor(attestation.auditedAt().toEpochMilli(), t);
            if (attestation.verdict() == AttestationRecord.Verdict.PASSED) {
                s += prior;
            } else {
                f += prior;
            }
        }
        BetaDistribution posterior = new BetaDistribution(ScoringRules.BASE_ALPHA + s, ScoringRules.BASE_BETA + f);
        ConfidenceInterval interval = posterior.interval(ScoringRules.INTERVAL_LEVEL);
        return new Score(reputation.operatorId(), at, basisPoints(interval.lower()), interval, posterior.mean(), s, f,
                reputation.successes(), reputation.failures(), reputation.attestations().size(), halfLife.millis(),
                reputation.lastEvidenceId());
    }

    /** Rounded down: the published number never claims more than the bound. */
    static int basisPoints(double fraction) {
        long bps = (long) StrictMath.floor(fraction * 10_000);
        return (int) Math.max(0, Math.min(10_000, bps));
    }

    /** The weight a piece of evidence from {@code eventAt} still carries at {@code at}. */
    public static double weightAt(Instant eventAt, Instant at, ScoringRules rules) {
        return rules.halfLife().factor(eventAt.toEpochMilli(), at.toEpochMilli());
    }
}
