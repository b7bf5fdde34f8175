package dev.fabric.deployer.lease;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ApiRetryTest {

    private final ApiRetry retry = new ApiRetry(4, Duration.ofMillis(5), Duration.ofMillis(20));

    @Test
    void shouldRetryApiErrorsUntilAStepSucceeds() {
        AtomicInteger calls = new AtomicInteger();

        String result = retry.run(() -> {
            if (calls.incrementAndGet() < 3) {
                throw new KubernetesClientException("503 from the API server", 503, null);
            }
            return "applied";
        });

        assertThat(result).isEqualTo("applied");
        assertThat(calls).hasValue(3);
    }

    @Test
    void shouldGiveUpAfterTheLastAttemptWithTheApiError() {
        AtomicInteger calls = new AtomicInteger();

        assertThatThrownBy(() -> retry.run(() -> {
            calls.incrementAndGet();
            throw new KubernetesClientException("forbidden", 403, null);
        })).isInstanceOf(KubernetesClientException.class).hasMessageContaining("forbidden");
        assertThat(calls).hasValue(4);
    }

    @Test
    void shouldNotRetryWhatIsNotAnApiError() {
        AtomicInteger calls = new AtomicInteger();

        assertThatThrownBy(() -> retry.run(() -> {
            calls.incrementAndGet();
            throw new IllegalStateException("bug");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(calls).hasValue(1);
    }
}
