package dev.fabric.grid.sim;

import dev.fabric.plutus.datum.BidDatum;
import dev.fabric.plutus.datum.KeyHash;
import dev.fabric.plutus.datum.Mode;
import dev.fabric.plutus.datum.Request;
import dev.fabric.plutus.workload.WorkloadSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * What simulated applications ask for: a realistic spread of web services, batch jobs and GPU
 * jobs, in all three allocation modes, with prices around what the grid's operators charge.
 * Durations and deadlines are short (minutes) so a local grid shows whole lease lifecycles.
 */
public final class BidMix {

    /** A bid to post: its datum and the workload its metadata carries. */
    public record Draft(BidDatum datum, WorkloadSpec workload, String kind) {
    }

    private static final long ADA = 1_000_000L;
    private static final List<String> REGIONS = List.of("eu-west", "us-east");

    private final Random random;
    private final KeyHash arbiter;
    private final Duration leaseScale;
    private final Duration bidLifetime;

    /**
     * @param arbiter     the grid's arbiter (settlement's key): awards and refunds in auction modes
     * @param leaseScale  typical lease length; the mix varies around it
     * @param bidLifetime typical time from opening to deadline; auction windows are a fraction of it
     */
    public BidMix(Random random, KeyHash arbiter, Duration leaseScale, Duration bidLifetime) {
        this.random = random;
        this.arbiter = arbiter;
        this.leaseScale = leaseScale;
        this.bidLifetime = bidLifetime;
    }

    public Draft next(KeyHash app, Instant now) {
        double roll = random.nextDouble();
        String kind;
        long cpu;
        long memory;
        long storage;
        int gpus;
        WorkloadSpec workload;
        if (roll < 0.55) {
            kind = "web";
            cpu = pick(500, 1000, 2000);
            memory = pick(512, 1024, 2048, 4096);
            storage = pick(5, 10, 20);
            gpus = 0;
            workload = new WorkloadSpec(WorkloadSpec.Kind.Deployment, "ghcr.io/fabric-demo/web:1." + random.nextInt(5),
                    List.of(), List.of("--port", "8080"), Map.of("MODE", "demo"), List.of(8080), 1 + random.nextInt(2));
        } else if (roll < 0.9) {
            kind = "batch";
            cpu = pick(2000, 4000, 8000);
            memory = pick(4096, 8192, 16384);
            storage = pick(20, 50, 100);
            gpus = 0;
            workload = new WorkloadSpec(WorkloadSpec.Kind.Job, "ghcr.io/fabric-demo/batch:2." + random.nextInt(3),
                    List.of(), List.of("--shards", Integer.toString(1 + random.nextInt(8))), Map.of(), List.of(), 1);
        } else {
            kind = "gpu";
            cpu = 4000;
            memory = 16384;
            storage = 50;
            gpus = 1;
            workload = new WorkloadSpec(WorkloadSpec.Kind.Job, "ghcr.io/fabric-demo/train:0.9", List.of(),
                    List.of("--epochs", "3"), Map.of(), List.of(), 1);
        }
        long durationSeconds = Math.max(30, (long) (leaseScale.toSeconds() * (0.5 + random.nextDouble())));
        // Prices in whole ADA: the L2 lease output needs min-ADA, and operators have a cost floor.
        long minPrice = (2 + gpus * 5L + cpu / 4000) * ADA;
        long maxPrice = minPrice + (3 + random.nextInt(12) + gpus * 10L) * ADA;
        Optional<String> region = random.nextDouble() < 0.3 ? Optional.of(REGIONS.get(random.nextInt(REGIONS.size()))) : Optional.empty();
        Request request = new Request(cpu, memory, storage, gpus, durationSeconds, region, workload.workloadHash());
        long lifetimeMs = bidLifetime.toMillis();
        long deadline = now.toEpochMilli() + (long) (lifetimeMs * (0.75 + 0.5 * random.nextDouble()));
        double modeRoll = random.nextDouble();
        Mode mode = modeRoll < 0.3 ? new Mode.Race()
                : modeRoll < 0.7 ? new Mode.Auction((long) (lifetimeMs * (0.2 + 0.15 * random.nextDouble())))
                : new Mode.Reputation(1000 + random.nextInt(3000), lifetimeMs * 3 / 10);
        BidDatum datum = new BidDatum(app, request, minPrice, maxPrice, mode, deadline, Optional.of(arbiter), List.of());
        return new Draft(datum, workload, kind);
    }

    private long pick(long... values) {
        return values[random.nextInt(values.length)];
    }
}
