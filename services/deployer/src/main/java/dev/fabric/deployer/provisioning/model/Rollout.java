package dev.fabric.deployer.provisioning.model;

/** Where a workload's rollout stands, read from its status alone. */
public sealed interface Rollout {

    /** Not ready yet; {@code detail} says what is missing. */
    record Pending(String detail) implements Rollout {
    }

    /** Ready: every replica ready (Deployment), or the Job's pods active or completed. */
    record Ready(int readyReplicas) implements Rollout {
    }

    /** The controller gave up (progress deadline exceeded, Job failed). */
    record Broken(String reason) implements Rollout {
    }

    /** The workload object does not exist. */
    record Missing() implements Rollout {
    }
}
