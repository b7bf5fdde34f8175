package dev.fabric.reputation.api;

import dev.fabric.reputation.domain.AttestationRecord;
import dev.fabric.reputation.domain.DecayedBetaScore;
import dev.fabric.reputation.domain.EvidenceEntry;
import dev.fabric.reputation.domain.OperatorReputation;
import dev.fabric.reputation.domain.Score;
import dev.fabric.reputation.domain.ScoringRules;
import java.time.Instant;
import java.util.List;

/** The JSON shapes of the API, and how a stored reputation becomes one (decayed to the read time). */
public final class ReputationViews {

    private ReputationViews() {
    }

    /** GET /operators/{id}/reputation. */
    public record ReputationView(String operatorId, Instant evaluatedAt, int scoreBps, double score, IntervalView interval,
                                 double mean, WeightsView weights, CountsView counts, long halfLifeMs,
                                 List<EvidenceView> evidence, List<AttestationView> attestations) {
    }

    public record IntervalView(double lower, double upper, double level) {
    }

    /** Decayed weights at evaluation time, attestation priors included. */
    public record WeightsView(double success, double failure) {
    }

    public record CountsView(long successes, long failures, int attestations) {
    }

    /**
     * One event that moved the score. {@code weightNow} is what it weighs at evaluation time (for a
     * withdrawal: the weight it took back); null for attestations, whose prior is in {@code attestations}.
     */
    public record EvidenceView(String eventId, String kind, Instant at, String reason, String bidRef, String auditorId,
                               Double weightNow) {
    }

    public record AttestationView(String eventId, String auditorId, String auditorName, String verdict, String region,
                                  String hardwareClass, Instant auditedAt, Instant issuedAt, double priorWeightNow) {
    }

    /** GET /operators?sort=score. */
    public record Leaderboard(Instant evaluatedAt, List<LeaderboardEntry> operators, List<String> unreachableInstances) {
    }

    public record LeaderboardEntry(int rank, String operatorId, int scoreBps, double mean, long successes, long failures,
                                   int attestations) {
    }

    public static ReputationView view(OperatorReputation reputation, Instant at, ScoringRules rules) {
        Score score = DecayedBetaScore.evaluate(reputation, at, rules);
        List<EvidenceView> evidence = reputation.recent().stream().map(e -> new EvidenceView(e.eventId(), e.kind().name(), e.at(),
                e.reason(), e.bidRef(), e.auditorId(),
                e.kind() == EvidenceEntry.Kind.ATTESTATION ? null : DecayedBetaScore.weightAt(e.at(), at, rules))).toList();
        List<AttestationView> attestations = reputation.attestations().stream().map(a -> attestation(a, at, rules)).toList();
        return new ReputationView(reputation.operatorId(), at, score.scoreBps(), score.lowerBound(),
                new IntervalView(score.interval().lower(), score.interval().upper(), score.interval().level()), score.mean(),
                new WeightsView(score.successWeight(), score.failureWeight()),
                new CountsView(score.successes(), score.failures(), score.attestations()), score.halfLifeMs(), evidence, attestations);
    }

    public static LeaderboardEntry entry(OperatorReputation reputation, Instant at, ScoringRules rules) {
        Score score = DecayedBetaScore.evaluate(reputation, at, rules);
        return new LeaderboardEntry(0, reputation.operatorId(), score.scoreBps(), score.mean(), score.successes(), score.failures(),
                score.attestations());
    }

    private static AttestationView attestation(AttestationRecord a, Instant at, ScoringRules rules) {
        double prior = a.verdict() == AttestationRecord.Verdict.PASSED ? rules.passedPriorWeight() : rules.failedPriorWeight();
        return new AttestationView(a.eventId(), a.auditorId(), a.auditorName(), a.verdict().name(), a.region(), a.hardwareClass(),
                a.auditedAt(), a.issuedAt(), prior * DecayedBetaScore.weightAt(a.auditedAt(), at, rules));
    }
}
