package dev.fabric.grid.launch;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * How a local grid runs: where its data lives, how big the simulated market is, which ports it
 * uses. Validated on construction so a bad option fails before anything starts.
 *
 * @param repository   the checkout (holds services/*&#47;target/quarkus-app)
 * @param dataDir      Kafka log, devnet journal, Streams state, keys, logs; a second start resumes from it
 * @param applications simulated applications posting bids
 * @param operators    deployer instances, each with its own simulated cluster
 * @param bidEvery     how often each application posts a bid
 * @param auditEvery   how often the auditor visits an operator
 * @param leaseScale   typical lease length
 * @param bidLifetime  typical time from a bid's opening to its deadline
 * @param runFor       stop after this long and check the invariants; empty = run until interrupted
 * @param systemStart  the head's slot zero (1 s slots), shared by the devnet and every signer
 */
public record GridSettings(Path repository, Path dataDir, int applications, int operators, Duration bidEvery,
                           Duration auditEvery, Duration leaseScale, Duration bidLifetime, int kafkaPort, int devnetPort,
                           int dashboardPort, int firstServicePort, Optional<Duration> runFor, long seed, Instant systemStart) {

    public static final Instant SYSTEM_START = Instant.parse("2026-01-01T00:00:00Z");

    public GridSettings {
        if (applications < 1 || applications > 50) {
            throw new IllegalArgumentException("--apps must be within 1..50, got " + applications);
        }
        if (operators < 1 || operators > 20) {
            throw new IllegalArgumentException("--operators must be within 1..20, got " + operators);
        }
        for (Duration d : new Duration[] {bidEvery, auditEvery, leaseScale, bidLifetime}) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("durations must be positive, got " + d);
            }
        }
        if (bidLifetime.compareTo(Duration.ofSeconds(20)) < 0) {
            throw new IllegalArgumentException("--bid-lifetime must be at least 20 s (auction windows must fit), got " + bidLifetime);
        }
    }

    public Path logs() {
        return dataDir.resolve("logs");
    }

    public Path keys() {
        return dataDir.resolve("keys");
    }

    public Path state(String service) {
        return dataDir.resolve("state").resolve(service);
    }

    public Path serviceJar(String service) {
        return repository.resolve("services").resolve(service).resolve("target/quarkus-app/quarkus-run.jar");
    }

    public int port(String service) {
        return switch (service) {
            case "bid-ingest" -> firstServicePort;
            case "auction" -> firstServicePort + 1;
            case "reputation" -> firstServicePort + 2;
            case "settlement" -> firstServicePort + 3;
            default -> throw new IllegalArgumentException("no fixed port for " + service);
        };
    }

    public int deployerPort(int operator) {
        return firstServicePort + 9 + operator;
    }
}
