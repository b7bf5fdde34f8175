package dev.fabric.grid.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fabric.events.v1.bid.BidAwarded;
import dev.fabric.events.v1.common.ModeKind;
import dev.fabric.grid.view.MarketView;
import dev.fabric.testkit.EventSamples;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The dashboard in a real browser: Debian's headless Chromium loads the page, the page subscribes to
 * the server-sent events, and its tables fill with the market. The screenshot lands in
 * target/dashboard.png.
 */
@Tag("browser")
class DashboardBrowserTest {

    @Test
    void shouldShowLiveBidsDecisionsAndReputationInABrowser() throws Exception {
        Path binary = HeadlessChromium.binary().orElseThrow(() -> new AssertionError(
                "Chromium is required for the dashboard test: apt-get install chromium (or set CHROMIUM)"));
        MarketView view = new MarketView();
        Object lock = new Object();
        String awarded = EventSamples.ref(1, 0);
        view.apply(EventSamples.bidEvent(awarded, EventSamples.bidOpened(ModeKind.AUCTION), null, EventSamples.T0));
        view.apply(EventSamples.bidEvent(EventSamples.ref(2, 0), EventSamples.bidOpened(ModeKind.RACE), null, EventSamples.T0));
        view.apply(EventSamples.decision(awarded));
        view.apply(EventSamples.bidEvent(awarded, BidAwarded.newBuilder().setOfferRef(EventSamples.ref(3, 0))
                .setOperatorId(EventSamples.OPERATOR_ID).setPrice(9_000_000L).setLeaseRef(EventSamples.ref(5, 0)).build(), null, EventSamples.T0));
        view.apply((dev.fabric.events.v1.reputation.OperatorScore) EventSamples.all().stream()
                .filter(s -> s.label().equals("OperatorScore")).findFirst().orElseThrow().value());
        Vertx vertx = Vertx.vertx();
        try (DashboardServer dashboard = new DashboardServer(vertx, () -> {
            synchronized (lock) {
                return view.snapshot(Instant.now());
            }
        })) {
            String url = "http://localhost:" + dashboard.start(0) + "/";

            try (HeadlessChromium chromium = HeadlessChromium.launch(binary)) {
                chromium.open(url);
                Duration timeout = Duration.ofSeconds(30);
                chromium.await("document.querySelectorAll('#bids tbody tr').length", v -> v.asInt() == 2, timeout);
                chromium.await("document.querySelectorAll('#decisions tbody tr').length", v -> v.asInt() == 1, timeout);
                chromium.await("document.querySelectorAll('#board tbody tr').length", v -> v.asInt() == 1, timeout);
                String text = chromium.await("document.body.innerText", v -> v.asText().contains("LowestPriceRule"), timeout).asText();
                assertThat(text).contains("OUTBID").contains("74.21 %");
                Path png = Path.of("target/dashboard.png");
                chromium.screenshot(png);
                assertThat(Files.size(png)).isGreaterThan(10_000);
            }
        } finally {
            vertx.close();
        }
    }
}
