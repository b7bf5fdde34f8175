package dev.fabric.deployer.provisioning.model;

/** How far a lease's deployment got, as recorded on its namespace. */
public enum LeasePhase {
    /** Objects applied; waiting for the workload to become ready. */
    PROVISIONING,
    /** {@code Running} was reported; watching until the lease ends. */
    RUNNING
}
