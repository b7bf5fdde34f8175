package dev.fabric.grid.launch;

import dev.fabric.grid.view.MarketSnapshot;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The invariants of a bounded grid run (DESIGN.md §9), checked once the market has settled: no bid
 * lost (every bid terminal, or still open within its deadline plus grace), no double award or double
 * settlement, lovelace conserved over the head's whole UTxO set.
 */
public record GridReport(MarketSnapshot market, List<String> overdueBids, BigInteger lovelaceAtStart, BigInteger lovelaceAtEnd,
                         List<String> violations) {

    /** Grace after a bid's deadline before an open bid counts as lost. */
    public static final Duration GRACE = Duration.ofSeconds(60);

    /** Stops bidding, waits (bounded) for open bids to reach a terminal state, then checks. */
    public static GridReport settle(LocalGrid grid, GridSettings settings, Consumer<String> progress) {
        grid.stopBidding();
        progress.accept("Bidding stopped; waiting for open bids to finish…");
        Instant limit = Instant.now().plus(settings.bidLifetime().multipliedBy(2)).plus(GRACE);
        while (Instant.now().isBefore(limit) && grid.snapshot().bidsOpen() > 0) {
            try {
                java.util.concurrent.TimeUnit.SECONDS.sleep(2); // polling the market view: nothing to wake us earlier
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            progress.accept(grid.snapshot().summaryLine());
        }
        MarketSnapshot market = grid.snapshot();
        BigInteger[] lovelace = grid.lovelaceOnHead();
        List<String> violations = new ArrayList<>(market.violations());
        List<String> overdue = grid.overdueBids(GRACE);
        overdue.forEach(bid -> violations.add("bid " + bid + " still open past its deadline + " + GRACE.toSeconds() + " s"));
        if (!lovelace[0].equals(lovelace[1])) {
            violations.add("lovelace not conserved on the head: " + lovelace[0] + " at start, " + lovelace[1] + " now");
        }
        return new GridReport(market, overdue, lovelace[0], lovelace[1], List.copyOf(violations));
    }

    public boolean passed() {
        return violations.isEmpty();
    }

    public String render() {
        StringBuilder out = new StringBuilder();
        out.append("\nGrid run report\n");
        out.append(String.format("  bids: %d awarded, %d accepted (race), %d expired, %d cancelled, %d still open%n",
                market.bidsAwarded(), market.bidsAccepted(), market.bidsExpired(), market.bidsCancelled(), market.bidsOpen()));
        out.append(String.format("  offers: %d; leases running: %d; dead letters: %d%n", market.offersTotal(), market.leasesRunning(),
                market.deadLetters()));
        out.append(String.format("  lovelace on the head: %,d at start, %,d at end%n", lovelaceAtStart, lovelaceAtEnd));
        out.append(String.format("  invariants: %s%n", violations.isEmpty() ? "all hold" : violations.size() + " violated"));
        violations.forEach(v -> out.append("    - ").append(v).append('\n'));
        return out.toString();
    }
}
