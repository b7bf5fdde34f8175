package dev.fabric.reputation.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;
import java.util.List;

/**
 * The service's configuration ({@code reputation.*}). Checked at start by
 * {@link ReputationSettings#from}: a malformed value stops the service with a message naming it.
 */
@ConfigMapping(prefix = "reputation")
public interface ReputationConfig {

    /** Evidence and attestation priors lose half their weight every half-life. */
    @WithName("half-life")
    @WithDefault("P30D")
    Duration halfLife();

    /** Trusted auditors as {@code name=hex Ed25519 public key}. No default: production must list them. */
    List<String> auditors();

    Attestation attestation();

    DeployDeadline deployDeadline();

    /** How many of the latest evidence events an explanation shows. */
    @WithName("evidence-shown")
    @WithDefault("20")
    int evidenceShown();

    /** How often idle operators' scores are decayed and republished (wall clock). */
    @WithName("publish-interval")
    @WithDefault("PT5M")
    Duration publishInterval();

    /** How long an eventId is remembered to drop a redelivered event. */
    @WithName("dedupe-window")
    @WithDefault("P7D")
    Duration dedupeWindow();

    /** How long a bid's facts are kept after its first event (stream time). Must outlast the longest lease. */
    @WithName("bid-retention")
    @WithDefault("P400D")
    Duration bidRetention();

    interface Attestation {
        /** Successes' worth of prior weight a PASSED attestation adds. */
        @WithName("passed-weight")
        @WithDefault("2.0")
        double passedWeight();

        /** Failures' worth of prior weight a FAILED attestation adds. */
        @WithName("failed-weight")
        @WithDefault("2.0")
        double failedWeight();
    }

    interface DeployDeadline {
        /** Lateness tolerated before "no Running by the deploy deadline" is declared. */
        @WithDefault("PT1M")
        Duration grace();

        /** How often open deadlines are checked, on stream time and on the wall clock. */
        @WithName("check-interval")
        @WithDefault("PT10S")
        Duration checkInterval();
    }
}
