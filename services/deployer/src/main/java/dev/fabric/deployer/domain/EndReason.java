package dev.fabric.deployer.domain;

/** Why a lease's namespace was torn down. */
public enum EndReason {
    LEASE_ENDED,
    REFUNDED,
    FAILED,
    CANCELLED
}
