package dev.fabric.devnet.head;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SnapshotPolicyTest {

    @Test
    void shouldParseAndPrintBothPolicies() {
        assertThat(SnapshotPolicy.parse("per-tx")).isEqualTo(SnapshotPolicy.perTransaction());
        assertThat(SnapshotPolicy.parse("batch:100:20")).isEqualTo(SnapshotPolicy.batched(100, Duration.ofMillis(20)));
        assertThat(SnapshotPolicy.batched(100, Duration.ofMillis(20))).hasToString("batch:100:20");
        assertThatThrownBy(() -> SnapshotPolicy.parse("batch:0:20")).hasMessageContaining("at least one");
        assertThatThrownBy(() -> SnapshotPolicy.parse("batch:x:20")).hasMessageContaining("not integers");
    }

    @Test
    void shouldSampleLatenciesWithinTheirDistribution() throws Exception {
        ObjectMapper json = new ObjectMapper();
        LatencyDistribution uniform = LatencyDistribution.fromJson(json.readTree("{\"kind\":\"uniform\",\"minMs\":50,\"maxMs\":150}"));
        Random random = new Random(1);
        for (int i = 0; i < 1000; i++) {
            assertThat(uniform.sample(random)).isBetween(Duration.ofMillis(50), Duration.ofMillis(150));
        }
        assertThat(LatencyDistribution.fromJson(json.readTree("{\"kind\":\"fixed\",\"ms\":7}")).sample(random))
                .isEqualTo(Duration.ofMillis(7));
        assertThat(LatencyDistribution.fromJson(json.readTree("{\"kind\":\"exponential\",\"meanMs\":10}")).sample(random))
                .isGreaterThanOrEqualTo(Duration.ZERO);
        assertThatThrownBy(() -> LatencyDistribution.fromJson(json.readTree("{\"kind\":\"normal\"}"))).hasMessageContaining("fixed");
        assertThatThrownBy(() -> LatencyDistribution.fromJson(json.readTree("{\"kind\":\"fixed\",\"ms\":-1}"))).hasMessageContaining("ms");
    }
}
