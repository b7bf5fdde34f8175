package dev.fabric.grid.cli;

import dev.fabric.grid.chaos.ChaosPlan;
import dev.fabric.grid.chaos.ChaosReport;
import dev.fabric.grid.chaos.ChaosRun;
import dev.fabric.grid.launch.GridSettings;
import dev.fabric.grid.launch.GridStartException;
import dev.fabric.grid.launch.LocalGrid;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code fabric chaos}: a fresh local grid under faults (kill -9 of every service, broker restarts,
 * head link drops and stalls, repeated and reordered deliveries), then the invariants of DESIGN.md §9.
 * Exits 1 if any invariant failed; the report is printed and saved next to the data.
 */
@Command(name = "chaos", description = "Run a fresh local grid under injected faults and check that nothing is lost, doubled or leaked.")
public final class ChaosCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--data", description = "Data folder (default: a new temporary folder; must not exist).")
    Path data;

    @Option(names = "--repo", defaultValue = ".", description = "The Fabric checkout with the built services (default: ${DEFAULT-VALUE}).")
    Path repository;

    @Option(names = "--for", defaultValue = "PT10M", description = "Length of the chaos window (default: ${DEFAULT-VALUE}).")
    Duration window;

    @Option(names = "--rounds", defaultValue = "3", description = "Each round kills every service once, restarts the broker, "
            + "drops the head link twice, stalls it once, repeats deliveries twice (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--apps", defaultValue = "4")
    int applications;

    @Option(names = "--operators", defaultValue = "3")
    int operators;

    @Option(names = "--seed", defaultValue = "7", description = "Seeds the market and the fault plan (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--ports-from", defaultValue = "9300", description = "Kafka, devnet, dashboard, services from here (default: ${DEFAULT-VALUE}).")
    int portsFrom;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        Consumer<String> progress = line -> {
            out.println(line);
            out.flush();
        };
        Path folder = data == null ? Files.createTempDirectory("fabric-chaos-") : data.toAbsolutePath().normalize();
        if (data != null && Files.exists(folder)) {
            throw new CliInputException("--data " + folder + " exists: a chaos run starts from an empty market");
        }
        GridSettings settings;
        try {
            settings = chaosGrid(repository.toAbsolutePath().normalize(), folder, applications, operators, portsFrom, seed);
        } catch (IllegalArgumentException e) {
            throw new CliInputException(e.getMessage());
        }
        try (LocalGrid grid = new LocalGrid(settings, progress, true)) {
            grid.start();
            ChaosPlan plan;
            try {
                plan = ChaosPlan.generate(ChaosRun.services(grid), rounds, window, seed);
            } catch (IllegalArgumentException e) {
                throw new CliInputException(e.getMessage());
            }
            ChaosReport report = new ChaosRun(grid, settings, progress, seed).run(plan);
            String rendered = report.render();
            out.println(rendered);
            Path saved = folder.resolve("chaos-report.md");
            Files.writeString(saved, rendered);
            out.println("Report saved to " + saved + "; logs in " + settings.logs());
            out.flush();
            return report.passed() ? 0 : 1;
        } catch (GridStartException e) {
            spec.commandLine().getErr().println("fabric chaos: " + e.getMessage());
            return 1;
        }
    }

    /** A grid sized for chaos: short lifetimes so many bids reach their end within the window. */
    public static GridSettings chaosGrid(Path repository, Path data, int applications, int operators, int portsFrom, long seed) {
        return new GridSettings(repository, data, applications, operators, Duration.ofSeconds(4), Duration.ofSeconds(5),
                Duration.ofSeconds(20), Duration.ofSeconds(30), portsFrom, portsFrom + 1, portsFrom + 2, portsFrom + 3,
                Optional.empty(), seed, GridSettings.SYSTEM_START);
    }
}
