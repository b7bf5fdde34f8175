package dev.fabric.deployer.domain;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * What this operator is willing to run, beyond what every operator refuses (privileged pods, host
 * access, resources beyond the request).
 *
 * @param allowedRegistries registries images may come from; empty allows any
 * @param requireDigest     whether images must be pinned by digest (no mutable tags)
 * @param maxReplicas       upper bound on replicas / Job parallelism
 * @param maxLeaseDuration  longest lease this operator sells
 */
public record WorkloadRules(Set<String> allowedRegistries, boolean requireDigest, int maxReplicas, Duration maxLeaseDuration) {

    /** Smallest CPU share a pod gets: below it a container cannot even start reliably. */
    public static final long MIN_POD_CPU_MILLIS = 10;
    /** Smallest memory share a pod gets. */
    public static final long MIN_POD_MEMORY_MIB = 16;

    public WorkloadRules {
        allowedRegistries = Set.copyOf(allowedRegistries);
        Objects.requireNonNull(maxLeaseDuration, "maxLeaseDuration");
        if (maxReplicas < 1) {
            throw new IllegalArgumentException("maxReplicas must be >= 1, got " + maxReplicas);
        }
        if (maxLeaseDuration.isNegative() || maxLeaseDuration.isZero()) {
            throw new IllegalArgumentException("maxLeaseDuration must be positive, got " + maxLeaseDuration);
        }
    }
}
