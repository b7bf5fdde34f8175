package dev.fabric.deployer.domain;

/** Where a deployment failed. */
public enum FailureStage {
    /** The workload spec was refused before anything was created. */
    VALIDATION,
    /** Creating the namespace or its objects failed. */
    PROVISIONING,
    /** The workload did not become ready by the deploy deadline. */
    ROLLOUT,
    /** The workload broke after it was running. */
    RUNTIME
}
