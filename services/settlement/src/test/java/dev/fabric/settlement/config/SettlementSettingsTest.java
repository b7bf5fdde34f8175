package dev.fabric.settlement.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.bloxbean.cardano.client.common.model.Networks;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SettlementSettingsTest {

    /** The configuration with its defaults, changed one value at a time by the tests. */
    private record Config(String network, Duration awardValidity, Duration confirmTimeout, Duration retryInitial, Duration retryMax,
                          Duration tick, int maxPerTick, String httpUrl, long collateralMinimum) implements SettlementConfig {

        static Config defaults() {
            return new Config("testnet", Duration.ofMinutes(5), Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofMinutes(1),
                    Duration.ofSeconds(1), 500, "http://localhost:4001", 5_000_000);
        }

        @Override
        public Arbiter arbiter() {
            return new Arbiter() {
                @Override
                public Path keyFile() {
                    return Path.of("dev/arbiter.skey");
                }

                @Override
                public Optional<String> keyHash() {
                    return Optional.empty();
                }
            };
        }

        @Override
        public Head head() {
            return new Head() {
                @Override
                public String httpUrl() {
                    return httpUrl;
                }

                @Override
                public Instant systemStart() {
                    return Instant.parse("2026-01-01T00:00:00Z");
                }

                @Override
                public Duration slotLength() {
                    return Duration.ofSeconds(1);
                }

                @Override
                public Duration requestTimeout() {
                    return Duration.ofSeconds(10);
                }

                @Override
                public Duration utxoFreshness() {
                    return Duration.ofMillis(250);
                }

                @Override
                public long collateralMinimum() {
                    return collateralMinimum;
                }

                @Override
                public Duration publishTimeout() {
                    return Duration.ofMinutes(2);
                }

                @Override
                public Duration warmupEvery() {
                    return Duration.ofSeconds(2);
                }
            };
        }

        @Override
        public Duration chainGrace() {
            return Duration.ofMinutes(2);
        }

        @Override
        public Duration refundGrace() {
            return Duration.ofSeconds(30);
        }

        @Override
        public Duration settledRetention() {
            return Duration.ofDays(90);
        }

        @Override
        public Duration tickBudget() {
            return Duration.ofSeconds(10);
        }
    }

    @Test
    void shouldTurnTheDefaultsIntoSettings() {
        SettlementSettings settings = SettlementSettings.from(Config.defaults());

        assertThat(settings.network()).isEqualTo(Networks.testnet());
        assertThat(settings.headUri().toString()).isEqualTo("http://localhost:4001");
        assertThat(settings.slotTiming().zeroTimeMs()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z").toEpochMilli());
        assertThat(settings.timings().confirmTimeout()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void shouldNameThePropertyThatIsWrong() {
        Config d = Config.defaults();
        assertThatThrownBy(() -> SettlementSettings.from(new Config("moonnet", d.awardValidity(), d.confirmTimeout(), d.retryInitial(),
                d.retryMax(), d.tick(), d.maxPerTick(), d.httpUrl(), d.collateralMinimum())))
                .hasMessageContaining("settlement.network").hasMessageContaining("moonnet");
        assertThatThrownBy(() -> SettlementSettings.from(new Config("testnet", Duration.ZERO, d.confirmTimeout(), d.retryInitial(),
                d.retryMax(), d.tick(), d.maxPerTick(), d.httpUrl(), d.collateralMinimum())))
                .hasMessageContaining("settlement.award-validity");
        assertThatThrownBy(() -> SettlementSettings.from(new Config("testnet", d.awardValidity(), d.confirmTimeout(),
                Duration.ofMinutes(2), Duration.ofMinutes(1), d.tick(), d.maxPerTick(), d.httpUrl(), d.collateralMinimum())))
                .hasMessageContaining("settlement.*").hasMessageContaining("retryMax");
        assertThatThrownBy(() -> SettlementSettings.from(new Config("testnet", d.awardValidity(), d.confirmTimeout(), d.retryInitial(),
                d.retryMax(), d.tick(), 0, d.httpUrl(), d.collateralMinimum())))
                .hasMessageContaining("settlement.max-per-tick");
        assertThatThrownBy(() -> SettlementSettings.from(new Config("testnet", d.awardValidity(), d.confirmTimeout(), d.retryInitial(),
                d.retryMax(), d.tick(), d.maxPerTick(), "localhost", d.collateralMinimum())))
                .hasMessageContaining("settlement.head.http-url");
        assertThatThrownBy(() -> SettlementSettings.from(new Config("testnet", d.awardValidity(), d.confirmTimeout(), d.retryInitial(),
                d.retryMax(), d.tick(), d.maxPerTick(), d.httpUrl(), 10)))
                .hasMessageContaining("settlement.head.collateral-minimum");
    }
}
