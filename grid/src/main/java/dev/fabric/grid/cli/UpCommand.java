package dev.fabric.grid.cli;

import dev.fabric.grid.launch.GridReport;
import dev.fabric.grid.launch.GridSettings;
import dev.fabric.grid.launch.GridStartException;
import dev.fabric.grid.launch.LocalGrid;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code fabric up}: the whole market on this machine, until Ctrl-C (or for a bounded time, then checked). */
@Command(name = "up", description = "Start the local grid: Kafka, the Hydra devnet, the services and a simulated market.")
public final class UpCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--data", defaultValue = ".fabric", description = "Data folder; a second start resumes from it (default: ${DEFAULT-VALUE}).")
    Path data;

    @Option(names = "--repo", defaultValue = ".", description = "The Fabric checkout with the built services (default: ${DEFAULT-VALUE}).")
    Path repository;

    @Option(names = "--apps", defaultValue = "4", description = "Simulated applications (default: ${DEFAULT-VALUE}).")
    int applications;

    @Option(names = "--operators", defaultValue = "3", description = "Operators, each a deployer with its own cluster (default: ${DEFAULT-VALUE}).")
    int operators;

    @Option(names = "--bid-every", defaultValue = "PT6S", description = "Each application bids this often (ISO-8601, default: ${DEFAULT-VALUE}).")
    Duration bidEvery;

    @Option(names = "--audit-every", defaultValue = "PT15S", description = "The auditor attests this often (default: ${DEFAULT-VALUE}).")
    Duration auditEvery;

    @Option(names = "--lease", defaultValue = "PT90S", description = "Typical lease length (default: ${DEFAULT-VALUE}).")
    Duration lease;

    @Option(names = "--bid-lifetime", defaultValue = "PT60S", description = "Typical time to a bid's deadline (default: ${DEFAULT-VALUE}).")
    Duration bidLifetime;

    @Option(names = "--for", description = "Run this long, stop bidding, let open bids finish, check the invariants and stop.")
    Duration runFor;

    @Option(names = "--dashboard-port", defaultValue = "8080", description = "Dashboard port (default: ${DEFAULT-VALUE}).")
    int dashboardPort;

    @Option(names = "--kafka-port", defaultValue = "9092")
    int kafkaPort;

    @Option(names = "--devnet-port", defaultValue = "4001")
    int devnetPort;

    @Option(names = "--service-ports-from", defaultValue = "8081", description = "First service port (default: ${DEFAULT-VALUE}).")
    int firstServicePort;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the simulated market (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--summary-every", defaultValue = "PT5S", description = "How often to print the summary line (default: ${DEFAULT-VALUE}).")
    Duration summaryEvery;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        GridSettings settings;
        try {
            settings = new GridSettings(repository.toAbsolutePath().normalize(), data.toAbsolutePath().normalize(), applications,
                    operators, bidEvery, auditEvery, lease, bidLifetime, kafkaPort, devnetPort, dashboardPort, firstServicePort,
                    Optional.ofNullable(runFor), seed, GridSettings.SYSTEM_START);
        } catch (IllegalArgumentException e) {
            throw new CliInputException(e.getMessage());
        }
        LocalGrid grid = new LocalGrid(settings, line -> {
            out.println(line);
            out.flush();
        });
        CountDownLatch stopped = new CountDownLatch(1);
        Thread shutdown = new Thread(() -> {
            out.println("Stopping the grid…");
            out.flush();
            grid.close();
            stopped.countDown();
        }, "grid-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdown);
        try {
            grid.start();
        } catch (GridStartException e) {
            spec.commandLine().getErr().println("fabric up: " + e.getMessage());
            return 1;
        }
        out.println("Grid is up. Dashboard: http://localhost:" + dashboardPort + "   Ctrl-C stops everything.");
        out.flush();
        long deadline = runFor == null ? Long.MAX_VALUE : System.nanoTime() + runFor.toNanos();
        while (System.nanoTime() < deadline) {
            if (stopped.await(summaryEvery.toMillis(), TimeUnit.MILLISECONDS)) {
                return 0;
            }
            out.println(grid.snapshot().summaryLine());
            out.flush();
        }
        GridReport report = GridReport.settle(grid, settings, line -> {
            out.println(line);
            out.flush();
        });
        out.println(report.render());
        out.flush();
        Runtime.getRuntime().removeShutdownHook(shutdown);
        grid.close();
        return report.passed() ? 0 : 1;
    }
}
