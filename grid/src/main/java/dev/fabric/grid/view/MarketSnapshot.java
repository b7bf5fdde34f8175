package dev.fabric.grid.view;

import java.time.Instant;
import java.util.List;

/** An immutable copy of the {@link MarketView}: what the summary line, the dashboard and the checks read. */
public record MarketSnapshot(
        Instant at,
        long bidsOpen,
        long bidsAwarded,
        long bidsAccepted,
        long bidsExpired,
        long bidsCancelled,
        long offersTotal,
        double offersPerSecond,
        long leasesRunning,
        long lovelaceInEscrow,
        long deadLetters,
        List<Bid> bids,
        List<Decision> decisions,
        List<Operator> leaderboard,
        List<String> violations) {

    public record Bid(String bidRef, String mode, String status, long minPrice, long maxPrice, long escrow, Instant openedAt,
                      Instant deadline, int offers, String winner, Long price, String deployment, String settlement) {
    }

    public record Decision(String bidRef, String mode, String rule, String winner, long price, Instant closedAt, List<Ranked> ranking) {
    }

    public record Ranked(int rank, String operatorId, long price, Integer scoreBps, String outcome, String detail) {
    }

    public record Operator(String operatorId, int scoreBps, double mean, long successes, long failures, int attestations) {
    }

    /** The one-line summary the grid prints every few seconds. */
    public String summaryLine() {
        return String.format("bids open %d | awarded %d | accepted %d | expired %d | cancelled %d | offers %d (%.1f/s) | leases running %d | escrow %,d lovelace%s",
                bidsOpen, bidsAwarded, bidsAccepted, bidsExpired, bidsCancelled, offersTotal, offersPerSecond, leasesRunning,
                lovelaceInEscrow, deadLetters > 0 ? " | dead letters " + deadLetters : "");
    }
}
