package dev.fabric.grid.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.fabric.grid.launch.FreePorts;
import dev.fabric.grid.cli.ChaosCommand;
import dev.fabric.grid.launch.GridSettings;
import dev.fabric.grid.launch.LocalGrid;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The CI-sized chaos run: a fresh local grid (every service in its own JVM), one round of faults
 * over a short window (every service process killed -9 and restarted, the broker killed and
 * restarted, the head link dropped and stalled, deliveries repeated out of order), then the
 * invariants. The long run is {@code ./fabric chaos}.
 */
class ChaosIT {

    @Test
    void shouldKeepEveryInvariantThroughCrashesRestartsAndRepeats() throws Exception {
        Path repository = Path.of("..").toAbsolutePath().normalize();
        Path data = Files.createTempDirectory("fabric-chaos-it-");
        List<String> progress = Collections.synchronizedList(new ArrayList<>());
        GridSettings settings = ChaosCommand.chaosGrid(repository, data, 3, 2, FreePorts.block(20), 11);
        try (LocalGrid grid = new LocalGrid(settings, line -> {
            progress.add(line);
            System.out.println(line);
        }, true)) {
            grid.start();
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> grid.snapshot().bidsAwarded() + grid.snapshot().bidsAccepted() > 0);

            ChaosPlan plan = ChaosPlan.generate(ChaosRun.services(grid), 1, Duration.ofSeconds(40), 11);
            ChaosReport report = new ChaosRun(grid, settings, System.out::println, 11).run(plan);
            System.out.println(report.render());

            assertThat(report.injected()).hasSize(plan.faults().size());
            assertThat(report.injected()).filteredOn(i -> i.fault().kind() == Fault.Kind.KILL_SERVICE)
                    .extracting(i -> i.fault().target()).containsExactlyInAnyOrderElementsOf(ChaosRun.services(grid));
            assertThat(report.replayedCopies()).as("repeats injected").isNotEmpty();
            assertThat(grid.headLink().orElseThrow().connections()).as("services reconnected after drops").isGreaterThan(4);
            assertThat(report.grid().market().bids()).as("bids processed").hasSizeGreaterThan(10);
            assertThat(report.invariants()).as(report.render()).allSatisfy(i -> assertThat(i.holds()).as(i.name() + ": " + i.detail()).isTrue());
        }
    }
}
