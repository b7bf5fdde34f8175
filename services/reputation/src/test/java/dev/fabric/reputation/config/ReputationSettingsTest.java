package dev.fabric.reputation.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fabric.streams.StreamsDefaults;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class ReputationSettingsTest {

    private static final String RFC_KEY = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";

    private record Config(Duration halfLife, List<String> auditors, double passed, int shown, Duration grace, Duration publish)
            implements ReputationConfig {
        @Override
        public Duration halfLife() {
            return halfLife;
        }

        @Override
        public List<String> auditors() {
            return auditors;
        }

        @Override
        public Attestation attestation() {
            return new Attestation() {
                @Override
                public double passedWeight() {
                    return passed;
                }

                @Override
                public double failedWeight() {
                    return 2.0;
                }
            };
        }

        @Override
        public DeployDeadline deployDeadline() {
            return new DeployDeadline() {
                @Override
                public Duration grace() {
                    return grace;
                }

                @Override
                public Duration checkInterval() {
                    return Duration.ofSeconds(10);
                }
            };
        }

        @Override
        public int evidenceShown() {
            return shown;
        }

        @Override
        public Duration publishInterval() {
            return publish;
        }

        @Override
        public Duration dedupeWindow() {
            return Duration.ofDays(7);
        }

        @Override
        public Duration bidRetention() {
            return Duration.ofDays(400);
        }
    }

    @Test
    void shouldAcceptAValidConfiguration() {
        ReputationSettings settings = ReputationSettings.from(new Config(Duration.ofDays(30), List.of("devnet=" + RFC_KEY), 2.0, 20,
                Duration.ofMinutes(1), Duration.ofMinutes(5)));

        assertThat(settings.rules().halfLife().millis()).isEqualTo(Duration.ofDays(30).toMillis());
        assertThat(settings.auditors().byPublicKey(RFC_KEY)).isPresent();
        assertThat(settings.deadlineGrace()).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void shouldFailWithEveryProblemNamed() {
        assertThatThrownBy(() -> ReputationSettings.from(new Config(Duration.ZERO, List.of("devnet=beef"), 2.0, 20,
                Duration.ofMinutes(1), Duration.ofMinutes(5))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("half-life must be positive")
                .hasMessageContaining("reputation.auditors: invalid auditor list: auditor 'devnet': an Ed25519 public key has 32 bytes, got 2");
        assertThatThrownBy(() -> ReputationSettings.from(new Config(Duration.ofDays(30), List.of("devnet=" + RFC_KEY), 2.0, 20,
                Duration.ofMinutes(-1), Duration.ZERO)))
                .hasMessageContaining("reputation.publish-interval must be positive")
                .hasMessageContaining("reputation.deploy-deadline.grace must be >= 0");
        assertThatThrownBy(() -> ReputationSettings.from(new Config(Duration.ofDays(30), List.of(), Double.NaN, 0,
                Duration.ofMinutes(1), Duration.ofMinutes(5))))
                .hasMessageContaining("passed prior weight");
    }

    @Test
    void shouldConfigureTheSharedStreamsDefaultsInApplicationProperties() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = getClass().getResourceAsStream("/application.properties")) {
            properties.load(in);
        }

        assertThat(StreamsDefaults.problems(properties, "reputation")).isEmpty();
        assertThat(properties.getProperty("kafka-streams.processing.guarantee")).isEqualTo("exactly_once_v2");
        assertThat(properties.getProperty("reputation.auditors")).as("no production default").isNull();
    }
}
