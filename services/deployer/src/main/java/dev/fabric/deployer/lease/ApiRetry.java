package dev.fabric.deployer.lease;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * How often, and how patiently, a Kubernetes step is retried when the API server errs: a fixed
 * number of attempts with exponential backoff (timer-driven, no sleeping thread). Only
 * {@link KubernetesClientException}s are retried; anything else is a bug and surfaces at once.
 */
public record ApiRetry(int attempts, Duration firstBackoff, Duration maxBackoff) {

    public ApiRetry {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be >= 1, got " + attempts);
        }
        Objects.requireNonNull(firstBackoff, "firstBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
    }

    /** Runs {@code step}; throws the last API error when every attempt failed. */
    public <T> T run(Supplier<T> step) {
        Uni<T> once = Uni.createFrom().item(step);
        if (attempts == 1) {
            return once.await().indefinitely();
        }
        return once.onFailure(KubernetesClientException.class).retry().withBackOff(firstBackoff, maxBackoff).atMost(attempts - 1L)
                .await().indefinitely();
    }
}
