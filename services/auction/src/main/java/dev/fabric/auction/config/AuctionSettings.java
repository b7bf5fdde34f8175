package dev.fabric.auction.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The auction's tunables, validated: the topology takes these, whether it runs in Quarkus (from
 * {@link AuctionConfig}) or in a test or benchmark (built directly).
 *
 * @param lateness          how far behind the newest event time an input may arrive and still count:
 *                          a bid is examined once event time (or, on a quiet head, the wall clock) has
 *                          passed its due instant by this much
 * @param orphanGrace       how long (event time) offers wait for a BidOpened they arrived before
 * @param closedRetention   how long (event time) a closed auction stays queryable and refuses late offers
 * @param deployGrace       decision time to deployDeadline
 * @param wallClockTick     how often the wall-clock punctuation looks for due auctions
 * @param quietAfter        how long without input before the wall clock, not event time, closes
 *                          auctions, when the task was keeping up with the head (see {@code liveLag})
 * @param liveLag           how far behind the wall clock an input's event time may be for the task to
 *                          count as keeping up with the head (rather than catching up on a backlog)
 * @param catchUpQuietAfter how long without input before the wall clock closes auctions when the last
 *                          input was not live (after a restart into a quiet head)
 * @param reputationHistory how much score history per operator is kept for "as of" lookups
 */
public record AuctionSettings(
        Duration lateness,
        Duration orphanGrace,
        Duration closedRetention,
        Duration deployGrace,
        Duration wallClockTick,
        Duration quietAfter,
        Duration liveLag,
        Duration catchUpQuietAfter,
        Duration reputationHistory) {

    public AuctionSettings {
        List<String> problems = new ArrayList<>();
        requireAtLeast(problems, "auction.lateness", lateness, Duration.ZERO);
        requireAtLeast(problems, "auction.orphan-grace", orphanGrace, Duration.ZERO);
        requireAtLeast(problems, "auction.closed-retention", closedRetention, Duration.ofMillis(1));
        requireAtLeast(problems, "auction.deploy-grace", deployGrace, Duration.ofSeconds(1));
        requireAtLeast(problems, "auction.wall-clock-tick", wallClockTick, Duration.ofMillis(10));
        requireAtLeast(problems, "auction.quiet-after", quietAfter, Duration.ZERO);
        requireAtLeast(problems, "auction.live-lag", liveLag, Duration.ZERO);
        requireAtLeast(problems, "auction.catch-up-quiet-after", catchUpQuietAfter, Duration.ZERO);
        requireAtLeast(problems, "auction.reputation-history", reputationHistory, Duration.ZERO);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("Invalid auction configuration: " + String.join("; ", problems));
        }
    }

    /** The defaults of {@code application.properties}. */
    public static AuctionSettings defaults() {
        return new AuctionSettings(Duration.ofSeconds(2), Duration.ofSeconds(30), Duration.ofHours(24), Duration.ofMinutes(5),
                Duration.ofMillis(500), Duration.ofSeconds(2), Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofDays(7));
    }

    public static AuctionSettings from(AuctionConfig config) {
        return new AuctionSettings(config.lateness(), config.orphanGrace(), config.closedRetention(), config.deployGrace(),
                config.wallClockTick(), config.quietAfter(), config.liveLag(), config.catchUpQuietAfter(), config.reputationHistory());
    }

    public AuctionSettings withLateness(Duration value) {
        return new AuctionSettings(value, orphanGrace, closedRetention, deployGrace, wallClockTick, quietAfter, liveLag, catchUpQuietAfter,
                reputationHistory);
    }

    /** These settings with other wall-clock thresholds: {@code quietAfter} and {@code catchUpQuietAfter}. */
    public AuctionSettings withQuiet(Duration quiet, Duration catchUpQuiet) {
        return new AuctionSettings(lateness, orphanGrace, closedRetention, deployGrace, wallClockTick, quiet, liveLag, catchUpQuiet,
                reputationHistory);
    }

    public AuctionSettings withClosedRetention(Duration value) {
        return new AuctionSettings(lateness, orphanGrace, value, deployGrace, wallClockTick, quietAfter, liveLag, catchUpQuietAfter,
                reputationHistory);
    }

    private static void requireAtLeast(List<String> problems, String name, Duration value, Duration minimum) {
        if (Objects.isNull(value)) {
            problems.add(name + " is required");
        } else if (value.compareTo(minimum) < 0) {
            problems.add(name + " must be >= " + minimum + ", got " + value);
        }
    }
}
