package dev.fabric.grid.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.fabric.grid.chaos.ChaosPlan;
import dev.fabric.grid.chaos.ChaosReport;
import dev.fabric.grid.chaos.ChaosRun;
import dev.fabric.grid.chaos.Fault;
import dev.fabric.grid.cli.ChaosCommand;
import dev.fabric.grid.dashboard.HeadlessChromium;
import dev.fabric.grid.view.MarketSnapshot;
import dev.fabric.testkit.FreePorts;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The local grid end to end, for a bounded time, every process in its own JVM (the reactor packaged
 * the services before this module's integration tests). First the market must trade: decisions,
 * running deployments, a reputation leaderboard, all of it on the live dashboard in a real browser.
 * Then the CI-sized chaos run: one round of faults over a short window (every service process killed
 * -9 and restarted, the broker killed and restarted, the head link dropped and stalled, deliveries
 * repeated out of order), and the invariants of DESIGN.md §9 on everything that happened. One grid
 * start serves both, to keep CI short; the long chaos run is {@code ./fabric chaos}.
 */
class LocalGridIT {

    @Test
    void shouldTradeLiveThenKeepEveryInvariantThroughCrashesRestartsAndRepeats() throws Exception {
        Path repository = Path.of("..").toAbsolutePath().normalize();
        Path data = Files.createTempDirectory("fabric-grid-it-");
        GridSettings settings = ChaosCommand.chaosGrid(repository, data, 3, 2, FreePorts.block(20), 11);
        try (LocalGrid grid = new LocalGrid(settings, System.out::println, true)) {
            grid.start();

            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
                MarketSnapshot market = grid.snapshot();
                assertThat(market.bidsAwarded() + market.bidsAccepted()).as("decided bids").isPositive();
                assertThat(market.bids()).anySatisfy(b -> assertThat(b.deployment()).startsWith("running"));
                assertThat(market.leaderboard()).isNotEmpty();
            });
            String dashboard = "http://localhost:" + settings.dashboardPort();
            String state = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(dashboard + "/api/state")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertThat(state).contains("\"bidsAwarded\"");
            lookAtTheDashboard(dashboard + "/");

            ChaosPlan plan = ChaosPlan.generate(ChaosRun.services(grid), 1, Duration.ofSeconds(40), 11);
            ChaosReport report = new ChaosRun(grid, settings, System.out::println, 11).run(plan);
            Files.writeString(Path.of("target/chaos-report.md"), report.render());
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

    /** The live dashboard in headless Chromium: tables filled by the page's own event stream; screenshot in target/. */
    private static void lookAtTheDashboard(String url) throws Exception {
        Optional<Path> binary = HeadlessChromium.binary();
        if (binary.isEmpty()) {
            System.err.println("Chromium is not installed (apt-get install chromium): the live dashboard was not checked in a browser");
            return;
        }
        try (HeadlessChromium chromium = HeadlessChromium.launch(binary.get())) {
            chromium.open(url);
            Duration timeout = Duration.ofSeconds(30);
            chromium.await("document.querySelectorAll('#bids tbody tr').length", v -> v.asInt() > 0, timeout);
            chromium.await("document.querySelectorAll('#decisions tbody tr').length", v -> v.asInt() > 0, timeout);
            chromium.await("document.querySelectorAll('#board tbody tr').length", v -> v.asInt() > 0, timeout);
            Path png = Path.of("target/dashboard-grid.png");
            chromium.screenshot(png);
            assertThat(Files.size(png)).isGreaterThan(10_000);
        }
    }
}
