package dev.fabric.auction.config;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class AuctionSettingsTest {

    @Test
    void shouldRefuseBadValuesNamingEveryProperty() {
        assertThatThrownBy(() -> new AuctionSettings(Duration.ofSeconds(-1), Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO,
                Duration.ofSeconds(2), Duration.ofSeconds(10), Duration.ofSeconds(30), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid auction configuration: auction.lateness must be >= PT0S, got PT-1S; "
                        + "auction.closed-retention must be >= PT0.001S, got PT0S; auction.deploy-grace must be >= PT1S, got PT0S; "
                        + "auction.wall-clock-tick must be >= PT0.01S, got PT0S; auction.reputation-history is required");
    }
}
