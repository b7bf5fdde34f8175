package dev.fabric.ingest.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Start-up validation reports every problem of the configuration at once. */
class IngestSettingsTest {

    private record Head(String name, URI wsUrl, Optional<URI> httpUrl) implements IngestConfig.Head {
    }

    private static IngestConfig config(int networkId, IngestConfig.Head... heads) {
        return config(networkId, Duration.ofMillis(10), heads);
    }

    private static IngestConfig config(int networkId, Duration progressInterval, IngestConfig.Head... heads) {
        return config(networkId, progressInterval, Duration.ofSeconds(30), heads);
    }

    private static IngestConfig config(int networkId, Duration progressInterval, Duration idleCommit, IngestConfig.Head... heads) {
        return new IngestConfig() {
            public List<IngestConfig.Head> heads() {
                return List.of(heads);
            }

            public int networkId() {
                return networkId;
            }

            public Optional<String> registryUrl() {
                return Optional.empty();
            }

            public Duration marketProgressInterval() {
                return progressInterval;
            }

            public Producer producer() {
                return null;
            }

            public Transactions transactions() {
                return new Transactions() {
                    public int maxRecords() {
                        return 10;
                    }

                    public Duration maxTime() {
                        return Duration.ofMillis(10);
                    }

                    public int queueCapacity() {
                        return 4;
                    }

                    public Duration retryBackoff() {
                        return Duration.ofSeconds(1);
                    }

                    public Duration idleCommit() {
                        return idleCommit;
                    }
                };
            }

            public Reconnect reconnect() {
                return null;
            }
        };
    }

    @Test
    void shouldAcceptDistinctNamedHeadsAndDeriveTheHttpUrl() {
        Head head = new Head("hydra-0", URI.create("ws://hydra-0:4001"), Optional.empty());

        IngestSettings.validate(config(0, head));

        assertThat(IngestSettings.httpUri(head)).isEqualTo(URI.create("http://hydra-0:4001"));
        assertThat(IngestSettings.httpUri(new Head("h", URI.create("wss://h:443"), Optional.empty())))
                .isEqualTo(URI.create("https://h:443"));
    }

    @Test
    void shouldReportEveryProblemAtOnce() {
        assertThatThrownBy(() -> IngestSettings.validate(config(16,
                new Head("a", URI.create("ws://x:1"), Optional.empty()),
                new Head("a", URI.create("ftp://x:1"), Optional.empty()),
                new Head("bad name!", URI.create("ws://x:1"), Optional.of(URI.create("ws://y:2"))))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'a' is used twice")
                .hasMessageContaining("heads[1].ws-url")
                .hasMessageContaining("heads[2].name")
                .hasMessageContaining("heads[2].http-url")
                .hasMessageContaining("network-id");
        assertThatThrownBy(() -> IngestSettings.validate(config(0))).hasMessageContaining("heads is empty");
    }

    @Test
    void shouldRefuseANegativeProgressIntervalAndAcceptZero() {
        Head head = new Head("hydra-0", URI.create("ws://hydra-0:4001"), Optional.empty());

        IngestSettings.validate(config(0, Duration.ZERO, head));

        assertThatThrownBy(() -> IngestSettings.validate(config(0, Duration.ofMillis(-5), head)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("fabric.ingest.market-progress-interval")
                .hasMessageContaining("PT-0.005S");
    }

    @Test
    void shouldRefuseANegativeIdleCommitAndAcceptZero() {
        Head head = new Head("hydra-0", URI.create("ws://hydra-0:4001"), Optional.empty());

        IngestSettings.validate(config(0, Duration.ofMillis(10), Duration.ZERO, head));

        assertThatThrownBy(() -> IngestSettings.validate(config(0, Duration.ofMillis(10), Duration.ofSeconds(-1), head)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("fabric.ingest.transactions.idle-commit");
    }
}
