package dev.fabric.auction.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * {@code auction.*} configuration. Checked at start-up by {@link AuctionSettings#from}, so a bad value
 * stops the service with a message naming the property.
 */
@ConfigMapping(prefix = "auction")
public interface AuctionConfig {

    /** See {@link AuctionSettings#lateness()}. */
    @WithDefault("2s")
    Duration lateness();

    @WithDefault("30s")
    Duration orphanGrace();

    @WithDefault("24h")
    Duration closedRetention();

    @WithDefault("5m")
    Duration deployGrace();

    @WithDefault("500ms")
    Duration wallClockTick();

    @WithDefault("2s")
    Duration quietAfter();

    @WithDefault("10s")
    Duration liveLag();

    @WithDefault("30s")
    Duration catchUpQuietAfter();

    @WithDefault("7d")
    Duration reputationHistory();
}
