package dev.fabric.bench.e2e;

import dev.fabric.bench.report.BenchOptions;
import dev.fabric.bench.report.BenchSummary;
import dev.fabric.bench.report.Goal;
import dev.fabric.events.v1.common.ModeKind;
import dev.fabric.grid.launch.GridSettings;
import dev.fabric.grid.launch.LocalGrid;
import dev.fabric.hydra.client.HeadConnection;
import dev.fabric.hydra.client.HeadConnectionConfig;
import dev.fabric.testkit.FreePorts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * End to end on the local grid: for every bid the simulated applications open, the time from the
 * head snapshot that confirmed its opening ({@code BidOpened.occurredAt}) to the winning operator's
 * {@code Provisioning} (namespace created) and {@code Running} (workload ready) on
 * {@code fabric.deployments}. Race and auction bids are reported apart: an auction bid cannot be
 * decided before its window closes.
 *
 * <p>Baseline, measured in the same run: the floor the protocol imposes. After its opening is
 * confirmed, a bid needs one more confirmed head transaction (the operator's Accept, or the
 * arbiter's Award) before anyone may deploy, and an auction bid also waits for its window. So the
 * floor is the head's median TxValid→SnapshotConfirmed of this run, plus the bid's window for auction
 * bids. The ratio says how much the Kafka hops, the services and the simulated Kubernetes API add to
 * what the chain itself requires.
 *
 * <pre>--repository . --bidding-seconds 240 --drain-seconds 60 --apps 4 --operators 2 --bid-every-ms 4000
 * --bid-lifetime-seconds 20 --lease-seconds 60 --out bench/e2e/target</pre>
 */
public final class E2eBenchmark {

    private E2eBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        BenchOptions options = BenchOptions.parse(args);
        Path repository = Path.of(options.text("--repository", ".")).toAbsolutePath().normalize();
        int biddingSeconds = options.integer("--bidding-seconds", 240);
        int drainSeconds = options.integer("--drain-seconds", 60);
        int apps = options.integer("--apps", 4);
        int operators = options.integer("--operators", 2);
        long bidEveryMs = options.longInteger("--bid-every-ms", 4000);
        int lifetimeSeconds = options.integer("--bid-lifetime-seconds", 20);
        int leaseSeconds = options.integer("--lease-seconds", 60);
        Path out = Path.of(options.text("--out", repository.resolve("bench/e2e/target").toString()));
        options.requireAllRead();
        Files.createDirectories(out);
        Path data = Files.createTempDirectory(out, "grid-");

        int base = FreePorts.block(20);
        GridSettings settings = new GridSettings(repository, data, apps, operators, Duration.ofMillis(bidEveryMs),
                Duration.ofSeconds(10), Duration.ofSeconds(leaseSeconds), Duration.ofSeconds(lifetimeSeconds), base, base + 1, base + 2,
                base + 3, Optional.empty(), 7, GridSettings.SYSTEM_START);
        double loadBefore = load();
        long started = System.nanoTime();
        HeadConfirmations confirmations = new HeadConfirmations();
        Histogram toNamespace;
        List<MarketTimeline.Journey> journeys;
        try (LocalGrid grid = new LocalGrid(settings, System.out::println)) {
            grid.start();
            System.out.printf("grid up in %d s; bidding for %d s%n", TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started), biddingSeconds);
            try (MarketTimeline timeline = new MarketTimeline("localhost:" + settings.kafkaPort());
                 HeadConnection head = new HeadConnection(HeadConnectionConfig.builder("ws://localhost:" + settings.devnetPort())
                         .history(false).snapshotUtxo(false).build())) {
                head.addListener(confirmations);
                head.start().get(30, TimeUnit.SECONDS);
                sleep(Duration.ofSeconds(biddingSeconds));
                grid.stopBidding();
                // Bids still open get their namespace up to a lifetime later (auction windows, offers);
                // some never do (no operator fits, or they expire): stop waiting at the drain deadline.
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(drainSeconds);
                long waiting = timeline.waitingForNamespace();
                while (System.nanoTime() < deadline && waiting > 0) {
                    sleep(Duration.ofSeconds(1));
                    waiting = timeline.waitingForNamespace();
                }
                journeys = timeline.journeys();
            }
        }
        double loadAfter = load();
        Histogram headConfirm = confirmations.confirmMs();
        double headFloorMs = headConfirm.getTotalCount() == 0 ? Double.NaN : headConfirm.getValueAtPercentile(50);

        Map<ModeKind, Histogram> namespace = new HashMap<>();
        Map<ModeKind, Histogram> runningAt = new HashMap<>();
        Map<ModeKind, Histogram> floor = new HashMap<>();
        Map<ModeKind, Integer> opened = new HashMap<>();
        Histogram afterClose = histogram();
        for (MarketTimeline.Journey j : journeys) {
            opened.merge(j.kind(), 1, Integer::sum);
            j.toNamespaceMs().ifPresent(ms -> {
                namespace.computeIfAbsent(j.kind(), k -> histogram()).recordValue(Math.max(0, ms));
                long windowMs = j.kind() == ModeKind.RACE ? 0 : j.windowMs();
                floor.computeIfAbsent(j.kind(), k -> histogram()).recordValue(windowMs + (long) headFloorMs);
                if (j.kind() == ModeKind.AUCTION) {
                    afterClose.recordValue(Math.max(0, ms - windowMs));
                }
            });
            j.toRunningMs().ifPresent(ms -> runningAt.computeIfAbsent(j.kind(), k -> histogram()).recordValue(Math.max(0, ms)));
        }

        String arguments = String.format(Locale.ROOT, "%d apps bidding every %d ms for %d s, %d operators, bid lifetime %d s, "
                        + "drain %d s; %d bids opened (%s), load avg %.1f→%.1f", apps, bidEveryMs, biddingSeconds, operators, lifetimeSeconds,
                drainSeconds, journeys.size(), opened, loadBefore, loadAfter);
        BenchSummary summary = new BenchSummary("e2e").notes(arguments);
        for (ModeKind kind : List.of(ModeKind.RACE, ModeKind.AUCTION)) {
            Histogram h = namespace.get(kind);
            Histogram f = floor.get(kind);
            if (h == null) {
                continue;
            }
            String mode = kind.name().toLowerCase(Locale.ROOT);
            String floorName = kind == ModeKind.RACE ? "floor: 1 head confirmation" : "floor: window + 1 head confirmation";
            summary.figure(mode + " bid→namespace p50", "ms", h.getValueAtPercentile(50), floorName + " (p50)", f.getValueAtPercentile(50),
                    Goal.NONE);
            summary.figure(mode + " bid→namespace p99", "ms", h.getValueAtPercentile(99), floorName + " (p99)", f.getValueAtPercentile(99),
                    Goal.NONE);
        }
        for (ModeKind kind : List.of(ModeKind.RACE, ModeKind.AUCTION, ModeKind.REPUTATION)) {
            if (namespace.containsKey(kind)) {
                summary.latency("e2e " + kind.name().toLowerCase(Locale.ROOT) + " bid→namespace", namespace.get(kind), 1);
            }
        }
        if (afterClose.getTotalCount() > 0) {
            summary.latency("e2e auction window close→namespace", afterClose, 1);
        }
        if (runningAt.containsKey(ModeKind.RACE)) {
            summary.latency("e2e race bid→workload running", runningAt.get(ModeKind.RACE), 1);
        }
        summary.latency("e2e head TxValid→SnapshotConfirmed (baseline)", headConfirm, 1);

        String markdown = markdown(arguments, journeys.size(), namespace, runningAt, floor, afterClose, headConfirm);
        Path file = out.resolve("e2e-bench-" + Instant.now().truncatedTo(ChronoUnit.SECONDS).toString().replace(':', '-') + ".md");
        Files.writeString(file, markdown);
        summary.write(out.resolve(BenchSummary.FILE_NAME));
        System.out.println(markdown);
        System.out.println("written to " + file.toAbsolutePath());
    }

    private static String markdown(String arguments, int bids, Map<ModeKind, Histogram> namespace, Map<ModeKind, Histogram> running,
                                   Map<ModeKind, Histogram> floor, Histogram afterClose, Histogram headConfirm) {
        StringBuilder md = new StringBuilder();
        md.append("End to end on the local grid: ").append(arguments).append("\n\n");
        md.append("| bids | measured | samples | p50 ms | p90 ms | p99 ms | max ms | floor p50 ms |\n|---|---|---|---|---|---|---|---|\n");
        for (ModeKind kind : ModeKind.values()) {
            String mode = kind.name().toLowerCase(Locale.ROOT);
            row(md, mode, "opened → namespace", namespace.get(kind), floor.get(kind));
            row(md, mode, "opened → workload running", running.get(kind), null);
        }
        row(md, "auction", "window close → namespace", afterClose, null);
        row(md, "every head transaction", "TxValid → SnapshotConfirmed", headConfirm, null);
        md.append("\n").append(bids).append(" bids opened; a bid with no row never got a namespace (no fitting offer, expired, or still open at the end).\n");
        return md.toString();
    }

    private static void row(StringBuilder md, String bids, String measured, Histogram h, Histogram floor) {
        if (h == null || h.getTotalCount() == 0) {
            return;
        }
        md.append(String.format(Locale.ROOT, "| %s | %s | %d | %d | %d | %d | %d | %s |%n", bids, measured, h.getTotalCount(),
                h.getValueAtPercentile(50), h.getValueAtPercentile(90), h.getValueAtPercentile(99), h.getMaxValue(),
                floor == null ? "" : Long.toString(floor.getValueAtPercentile(50))));
    }

    private static Histogram histogram() {
        return new Histogram(3_600_000L, 3);
    }

    private static double load() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    /** The bench's own pacing: the grid runs on its own threads and processes meanwhile. */
    private static void sleep(Duration duration) throws InterruptedException {
        TimeUnit.MILLISECONDS.sleep(duration.toMillis());
    }
}
