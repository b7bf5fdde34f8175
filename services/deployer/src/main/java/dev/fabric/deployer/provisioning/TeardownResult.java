package dev.fabric.deployer.provisioning;

/** What {@link LeaseReconciler#teardown} did. */
public enum TeardownResult {
    /** The namespace was ours and its deletion was requested. */
    DELETED,
    /** There was no such namespace (already deleted: a re-run is a no-op). */
    ABSENT,
    /** A namespace of that name exists but is not this lease's: left alone. */
    NOT_OWNED
}
