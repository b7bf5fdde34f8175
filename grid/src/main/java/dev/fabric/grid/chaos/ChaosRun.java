package dev.fabric.grid.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fabric.grid.launch.GridReport;
import dev.fabric.grid.launch.GridSettings;
import dev.fabric.grid.launch.LocalGrid;
import dev.fabric.grid.view.MarketSnapshot;
import dev.fabric.topics.Topic;
import dev.fabric.topics.Topics;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.HashMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Runs a {@link ChaosPlan} against a running {@link LocalGrid} (started with its faulty head link),
 * then lets the market settle and checks the invariants. Faults land at their planned points; a
 * killed process is restarted in the background after a moment of downtime.
 */
public final class ChaosRun {

    /** Topics whose records the run delivers again: the inputs of the services that the market view also reads. */
    private static final List<Topic<String, ?>> REPLAYED = List.of(Topics.BIDS, Topics.OFFERS, Topics.AWARDS, Topics.SETTLEMENTS,
            Topics.DEPLOYMENTS);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int REPLAY_PER_PARTITION = 20;
    private static final Duration STALL = Duration.ofSeconds(5);
    private static final Duration RELEASE_LIMIT = Duration.ofSeconds(60);

    private final LocalGrid grid;
    private final GridSettings settings;
    private final Consumer<String> progress;
    private final Random random;
    /** HTTP/1.1: an h2c upgrade to a Vert.x server that restarts on the same port can leave a response read as HTTP/2 frames. */
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    public ChaosRun(LocalGrid grid, GridSettings settings, Consumer<String> progress, long seed) {
        this.grid = grid;
        this.settings = settings;
        this.progress = progress;
        this.random = new Random(seed);
    }

    /** The service processes a plan kills: everything the grid started except the broker and the head. */
    public static List<String> services(LocalGrid grid) {
        return grid.supervisor().names().stream().filter(n -> !n.equals("kafka") && !n.equals("devnet")).toList();
    }

    public ChaosReport run(ChaosPlan plan) throws InterruptedException {
        FaultyLink link = grid.headLink().orElseThrow(() -> new IllegalStateException("the grid was started without a faulty head link"));
        DeliveryReplayer replayer = new DeliveryReplayer(grid.kafkaBootstrap(), random);
        Map<String, Long> replayedCopies = new HashMap<>();
        List<CompletableFuture<ChaosReport.Injected>> injected = new ArrayList<>();
        // a crashed process comes back on its own while the next faults land, as under a pod controller;
        // one process is never killed again before it is back
        Map<String, CompletableFuture<ChaosReport.Injected>> restarting = new HashMap<>();
        ExecutorService restarts = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "chaos-restart");
            t.setDaemon(true);
            return t;
        });
        Instant start = Instant.now();
        progress.accept(String.format("Chaos: %d faults over %d s", plan.faults().size(), plan.window().toSeconds()));
        try {
            for (Fault fault : plan.faults()) {
                Duration wait = Duration.between(Instant.now(), start.plus(fault.at()));
                if (!wait.isNegative()) {
                    Thread.sleep(wait.toMillis());
                }
                Duration at = Duration.between(start, Instant.now());
                switch (fault.kind()) {
                    case KILL_SERVICE, RESTART_BROKER -> {
                        String process = fault.kind() == Fault.Kind.RESTART_BROKER ? "kafka" : fault.target();
                        CompletableFuture<ChaosReport.Injected> previous = restarting.get(process);
                        if (previous != null) {
                            previous.join();
                        }
                        Instant killed = Instant.now();
                        grid.supervisor().kill(process);
                        long down = fault.kind() == Fault.Kind.RESTART_BROKER ? 1_000 + random.nextInt(3_000) : 500 + random.nextInt(2_500);
                        progress.accept(String.format("  ⚡ %-32s %s  @%ds", fault.kind().label(), fault.target(), at.toSeconds()));
                        CompletableFuture<ChaosReport.Injected> back = CompletableFuture.supplyAsync(() -> {
                            sleep(down);
                            grid.supervisor().restart(process);
                            return new ChaosReport.Injected(fault, at, Duration.between(killed, Instant.now()), "");
                        }, restarts);
                        restarting.put(process, back);
                        injected.add(back);
                    }
                    default -> {
                        if (fault.kind() == Fault.Kind.REPLAY_DELIVERIES && restarting.containsKey("kafka")) {
                            restarting.get("kafka").join(); // repeats are written to the broker: it must be up
                        }
                        String detail = injectInstant(fault, link, replayer, replayedCopies);
                        injected.add(CompletableFuture.completedFuture(new ChaosReport.Injected(fault, at, Duration.ZERO, detail)));
                        progress.accept(String.format("  ⚡ %-32s @%ds %s", fault.kind().label(), at.toSeconds(), detail));
                    }
                }
            }
            Duration rest = Duration.between(Instant.now(), start.plus(plan.window()));
            if (!rest.isNegative()) {
                Thread.sleep(rest.toMillis());
            }
            List<ChaosReport.Injected> done = injected.stream().map(CompletableFuture::join).toList();
            GridReport report = GridReport.settle(grid, settings, progress);
            List<String> holds = awaitReleasedHolds();
            return new ChaosReport(done, report, holds, Map.copyOf(replayedCopies), grid.repeats());
        } finally {
            restarts.shutdownNow();
        }
    }

    private String injectInstant(Fault fault, FaultyLink link, DeliveryReplayer replayer, Map<String, Long> replayedCopies) {
        return switch (fault.kind()) {
            case DROP_HEAD_LINK -> "cut " + link.dropAll() + " connections";
            case STALL_HEAD_LINK -> {
                link.stall(STALL);
                yield "for " + STALL.toSeconds() + " s";
            }
            case REPLAY_DELIVERIES -> {
                DeliveryReplayer.Replayed replayed = replayer.replay(REPLAYED, REPLAY_PER_PARTITION);
                replayed.perEventId().forEach((eventId, copies) -> replayedCopies.merge(eventId, copies, Long::sum));
                yield replayed.total() + " records";
            }
            default -> throw new IllegalArgumentException(fault.kind() + " is not an instant fault");
        };
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("chaos run interrupted", e);
        }
    }

    /** Holds a deployer still keeps for a bid that no longer needs them, once the limit passed (empty = all released). */
    private List<String> awaitReleasedHolds() throws InterruptedException {
        Instant limit = Instant.now().plus(RELEASE_LIMIT);
        List<String> stale;
        do {
            MarketSnapshot market = grid.snapshot();
            Map<String, MarketSnapshot.Bid> bids = market.bids().stream()
                    .collect(Collectors.toMap(MarketSnapshot.Bid::bidRef, b -> b, (a, b) -> a));
            stale = new ArrayList<>();
            for (URI inventory : grid.deployerInventories()) {
                stale.addAll(staleHolds(inventory, bids));
            }
            if (stale.isEmpty()) {
                return stale;
            }
            Thread.sleep(2_000);
        } while (Instant.now().isBefore(limit));
        return stale;
    }

    private List<String> staleHolds(URI inventory, Map<String, MarketSnapshot.Bid> bids) {
        List<String> stale = new ArrayList<>();
        JsonNode holds;
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(inventory).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return List.of(inventory + " answered " + response.statusCode());
            }
            holds = JSON.readTree(response.body()).path("holds");
        } catch (IOException e) {
            return List.of(inventory + " unreachable: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of("interrupted");
        }
        for (JsonNode hold : holds) {
            String bidRef = hold.path("bidRef").asText();
            String kind = hold.path("kind").asText();
            MarketSnapshot.Bid bid = bids.get(bidRef);
            if (bid == null) {
                continue; // a bid the view has not seen open (opened before it started reading)
            }
            boolean open = "OPEN".equals(bid.status());
            boolean leaseSettled = bid.settlement() != null && (bid.settlement().startsWith("claimed") || bid.settlement().startsWith("refunded"));
            if ("OFFER".equals(kind) && !open) {
                stale.add(inventory.getPort() + ": offer hold on " + bidRef + " (bid " + bid.status() + ")");
            } else if ("LEASE".equals(kind) && (leaseSettled || !("AWARDED".equals(bid.status()) || "ACCEPTED".equals(bid.status())))) {
                stale.add(inventory.getPort() + ": lease hold on " + bidRef + " (bid " + bid.status() + ", " + bid.settlement() + ")");
            }
        }
        return stale;
    }
}
