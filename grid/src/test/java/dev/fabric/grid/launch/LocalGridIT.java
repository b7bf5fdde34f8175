package dev.fabric.grid.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.fabric.grid.dashboard.HeadlessChromium;
import dev.fabric.grid.view.MarketSnapshot;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The local grid end to end, for a bounded time: every process in its own JVM, the simulated market
 * bidding, then the invariants of DESIGN.md §9 checked on what happened. Needs the services packaged
 * (the reactor builds them before this module's integration tests).
 */
class LocalGridIT {

    @Test
    void shouldAwardRunAndSettleBidsWhileKeepingTheInvariants() throws Exception {
        Path repository = Path.of("..").toAbsolutePath().normalize();
        Path data = Files.createTempDirectory("fabric-grid-it-");
        int base = FreePorts.block(20);
        GridSettings settings = new GridSettings(repository, data, 3, 2, Duration.ofSeconds(4), Duration.ofSeconds(5),
                Duration.ofSeconds(20), Duration.ofSeconds(30), base, base + 1, base + 2, base + 3, Optional.of(Duration.ofSeconds(60)),
                7, GridSettings.SYSTEM_START);
        List<String> progress = new ArrayList<>();
        try (LocalGrid grid = new LocalGrid(settings, progress::add)) {
            grid.start();

            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
                MarketSnapshot market = grid.snapshot();
                assertThat(market.bidsAwarded() + market.bidsAccepted()).as("decided bids").isPositive();
                assertThat(market.bids()).anySatisfy(b -> assertThat(b.deployment()).startsWith("running"));
                assertThat(market.leaderboard()).isNotEmpty();
            });
            lookAtTheDashboard("http://localhost:" + settings.dashboardPort() + "/");
            String page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + settings.dashboardPort() + "/api/state")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            GridReport report = GridReport.settle(grid, settings, progress::add);

            assertThat(page).contains("\"bidsAwarded\"");
            assertThat(report.violations()).as(report.render()).isEmpty();
            assertThat(report.lovelaceAtEnd()).isEqualTo(report.lovelaceAtStart());
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
