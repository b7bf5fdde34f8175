package dev.fabric.deployer.domain;

/** Kubernetes object that runs a workload. */
public enum WorkloadKind {
    /** Long-running replicas that must stay ready for the lease. */
    DEPLOYMENT,
    /** Run-to-completion pods; parallelism = replicas. */
    JOB
}
