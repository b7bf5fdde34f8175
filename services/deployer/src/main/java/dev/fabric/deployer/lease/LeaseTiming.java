package dev.fabric.deployer.lease;

import java.time.Duration;
import java.util.Objects;

/**
 * Time limits of the lease lifecycle.
 *
 * @param deployDeadline how long after the lease start the workload must be ready
 * @param holdGrace      how long past the lease end its capacity stays held if teardown never happens
 *                       (the TTL that keeps a lost release from leaking capacity)
 */
public record LeaseTiming(Duration deployDeadline, Duration holdGrace) {

    public LeaseTiming {
        Objects.requireNonNull(deployDeadline, "deployDeadline");
        Objects.requireNonNull(holdGrace, "holdGrace");
    }
}
