package dev.fabric.reputation.config;

import dev.fabric.reputation.domain.AuditorDirectory;
import dev.fabric.reputation.domain.HalfLife;
import dev.fabric.reputation.domain.ScoringRules;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Validated configuration: what the topology and the API actually use. Built once at start; every
 * problem is reported together so that one failed start lists everything to fix.
 */
public record ReputationSettings(ScoringRules rules, AuditorDirectory auditors, Duration deadlineGrace,
                                 Duration deadlineCheckInterval, Duration publishInterval, Duration dedupeWindow,
                                 Duration bidRetention) {

    public ReputationSettings {
        Objects.requireNonNull(rules, "rules");
        Objects.requireNonNull(auditors, "auditors");
        List<String> problems = new ArrayList<>();
        requirePositive(problems, "reputation.deploy-deadline.check-interval", deadlineCheckInterval);
        requirePositive(problems, "reputation.publish-interval", publishInterval);
        requirePositive(problems, "reputation.dedupe-window", dedupeWindow);
        requirePositive(problems, "reputation.bid-retention", bidRetention);
        if (deadlineGrace == null || deadlineGrace.isNegative()) {
            problems.add("reputation.deploy-deadline.grace must be >= 0, was " + deadlineGrace);
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
    }

    /** Validates the raw configuration. */
    public static ReputationSettings from(ReputationConfig config) {
        List<String> problems = new ArrayList<>();
        ScoringRules rules = null;
        AuditorDirectory auditors = null;
        try {
            rules = new ScoringRules(new HalfLife(config.halfLife()), config.attestation().passedWeight(),
                    config.attestation().failedWeight(), config.evidenceShown());
        } catch (IllegalArgumentException e) {
            problems.add("reputation: " + e.getMessage());
        }
        try {
            auditors = AuditorDirectory.parse(config.auditors());
        } catch (IllegalArgumentException e) {
            problems.add("reputation.auditors: " + e.getMessage());
        }
        try {
            if (problems.isEmpty()) {
                return new ReputationSettings(rules, auditors, config.deployDeadline().grace(),
                        config.deployDeadline().checkInterval(), config.publishInterval(), config.dedupeWindow(),
                        config.bidRetention());
            }
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
        throw new IllegalArgumentException("Invalid reputation configuration: " + String.join("; ", problems));
    }

    private static void requirePositive(List<String> problems, String name, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            problems.add(name + " must be positive, was " + value);
        }
    }
}
