package dev.fabric.grid.chaos;

import dev.fabric.grid.launch.GridReport;
import dev.fabric.grid.view.MarketSnapshot;
import dev.fabric.grid.view.Repeat;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * What a chaos run did and whether the promises of DESIGN.md §9 held: the faults injected by kind,
 * the bids processed, and one row per invariant.
 */
public record ChaosReport(List<Injected> injected, GridReport grid, List<String> unreleasedHolds,
                          Map<String, Long> replayedCopies, Map<String, Repeat> repeats) {

    /** A fault as it happened: when (from the start of the window), how long until the part was back, what it hit. */
    public record Injected(Fault fault, Duration at, Duration recovery, String detail) {
    }

    /** One promise and whether it held. */
    public record Invariant(String name, boolean holds, String detail) {
    }

    public List<Invariant> invariants() {
        // the market's own violations; overdue bids and lovelace have their rows from their own fields
        List<String> violations = grid.market().violations();
        List<String> doubleAwards = matching(violations, "double award", "closed twice");
        List<String> doubleSettlements = matching(violations, "settled twice");
        Map<String, String> downstream = downstreamRepeats();
        Map<String, String> reanswered = reansweredRedeliveries();
        List<Invariant> rows = new ArrayList<>();
        rows.add(new Invariant("0 bids lost (terminal within deadline + " + GridReport.GRACE.toSeconds() + " s)",
                grid.overdueBids().isEmpty(), grid.overdueBids().isEmpty() ? "0 overdue" : grid.overdueBids().size() + " overdue: " + grid.overdueBids()));
        rows.add(new Invariant("0 double awards", doubleAwards.isEmpty(), doubleAwards.isEmpty() ? "0" : String.join("; ", doubleAwards)));
        rows.add(new Invariant("0 double claims/refunds", doubleSettlements.isEmpty(),
                doubleSettlements.isEmpty() ? "0" : String.join("; ", doubleSettlements)));
        rows.add(new Invariant("lovelace conserved on the head", grid.lovelaceAtStart().equals(grid.lovelaceAtEnd()),
                String.format("%,d → %,d", grid.lovelaceAtStart(), grid.lovelaceAtEnd())));
        rows.add(new Invariant("every reservation released", unreleasedHolds.isEmpty(),
                unreleasedHolds.isEmpty() ? "0 stale holds" : String.join("; ", unreleasedHolds)));
        rows.add(new Invariant("no repeats downstream of restarts", downstream.isEmpty(),
                "deliveries repeated on purpose " + replayedCopies.values().stream().mapToLong(Long::longValue).sum()
                        + "; repeats seen " + repeatsByKind() + (downstream.isEmpty() ? ", all explained by them"
                        : "; " + downstream.size() + " not: " + downstream.values())
                        + (reanswered.isEmpty() ? "" : "; the deployer answered " + reanswered.size()
                        + " input(s) redelivered after its crash again, same eventId: " + reanswered.values())));
        List<String> others = new ArrayList<>(violations);
        others.removeAll(doubleAwards);
        others.removeAll(doubleSettlements);
        rows.add(new Invariant("no other market violation", others.isEmpty(), others.isEmpty() ? "0" : String.join("; ", others)));
        return rows;
    }

    public boolean passed() {
        return invariants().stream().allMatch(Invariant::holds);
    }

    /** Repeats seen, by kind. */
    public Map<String, Long> repeatsByKind() {
        Map<String, Long> byKind = new TreeMap<>();
        repeats.values().forEach(r -> byKind.merge(r.kind(), r.extraDeliveries(), Long::sum));
        return byKind;
    }

    /**
     * Repeats the run did not cause, by eventId: more deliveries than the copies it replayed of that
     * event, plus those of the input that caused it (a service answering a repeated input again with
     * the same deterministic eventId is idempotent, not a duplicate of a restart). The deployer's
     * answers to an input are excepted ({@link #reansweredRedeliveries()}).
     */
    public Map<String, String> downstreamRepeats() {
        return unexplained(repeat -> !reanswer(repeat));
    }

    /**
     * The deployer's outcomes published again for an input it had already answered: its Kubernetes
     * changes and its Kafka offsets cannot commit together, so an input delivered again after a kill
     * -9 (past its last commit) is answered again, with the same eventId, which every consumer drops.
     * Counted, not failed. Spontaneous repeats (no causing input) still fail the invariant: that is
     * how a re-provisioned failed lease showed up.
     */
    public Map<String, String> reansweredRedeliveries() {
        return unexplained(ChaosReport::reanswer);
    }

    private static boolean reanswer(Repeat repeat) {
        return repeat.kind().equals("deployment") && repeat.causationId() != null;
    }

    /** The repeats {@code which} selects that the replayed copies do not explain, by eventId. */
    private Map<String, String> unexplained(Predicate<Repeat> which) {
        Map<String, String> extra = new TreeMap<>();
        repeats.forEach((eventId, repeat) -> {
            if (!which.test(repeat)) {
                return;
            }
            long explained = replayedCopies.getOrDefault(eventId, 0L)
                    + (repeat.causationId() == null ? 0 : replayedCopies.getOrDefault(repeat.causationId(), 0L));
            if (repeat.extraDeliveries() > explained) {
                extra.put(eventId, repeat.kind() + " " + eventId + " ×" + (repeat.extraDeliveries() - explained));
            }
        });
        return extra;
    }

    public String render() {
        StringBuilder out = new StringBuilder("\nChaos run report\n\n");
        out.append(String.format("| %-32s | %5s | %-60s |%n", "fault", "count", "detail"));
        out.append(String.format("|%s|%s|%s|%n", "-".repeat(34), "-".repeat(7), "-".repeat(62)));
        Map<Fault.Kind, List<Injected>> byKind = injected.stream()
                .collect(Collectors.groupingBy(i -> i.fault().kind(), LinkedHashMap::new, Collectors.toList()));
        for (Fault.Kind kind : Fault.Kind.values()) {
            List<Injected> of = byKind.getOrDefault(kind, List.of());
            out.append(String.format("| %-32s | %5d | %-60s |%n", kind.label(), of.size(),
                    of.stream().map(ChaosReport::describe).collect(Collectors.joining(", "))));
        }
        MarketSnapshot market = grid.market();
        out.append(String.format("%nBids processed: %d (%d awarded, %d accepted, %d expired, %d cancelled, %d open); offers %d; dead letters %d%n%n",
                market.bids().size(), market.bidsAwarded(), market.bidsAccepted(), market.bidsExpired(), market.bidsCancelled(),
                market.bidsOpen(), market.offersTotal(), market.deadLetters()));
        out.append(String.format("| %-48s | %-6s | %-60s |%n", "invariant", "result", "detail"));
        out.append(String.format("|%s|%s|%s|%n", "-".repeat(50), "-".repeat(8), "-".repeat(62)));
        for (Invariant row : invariants()) {
            out.append(String.format("| %-48s | %-6s | %-60s |%n", row.name(), row.holds() ? "PASS" : "FAIL", row.detail()));
        }
        return out.toString();
    }

    private static String describe(Injected i) {
        String what = i.fault().target().isEmpty() ? i.detail() : i.fault().target() + (i.detail().isEmpty() ? "" : " " + i.detail());
        return String.format("%s @%ds%s", what.isBlank() ? "" : what, i.at().toSeconds(),
                i.recovery().isZero() ? "" : String.format(" (back in %.1f s)", i.recovery().toMillis() / 1000.0)).trim();
    }

    private static List<String> matching(List<String> violations, String... needles) {
        return violations.stream().filter(v -> {
            for (String n : needles) {
                if (v.contains(n)) {
                    return true;
                }
            }
            return false;
        }).toList();
    }
}
