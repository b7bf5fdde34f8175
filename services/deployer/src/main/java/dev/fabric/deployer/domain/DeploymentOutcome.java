package dev.fabric.deployer.domain;

import java.util.Objects;
import java.util.Optional;

/**
 * What the operator reports about a lease's deployment (published on {@code fabric.deployments}).
 * Every outcome names its bid and lease, so its event id derives from them alone.
 */
public sealed interface DeploymentOutcome {

    String bidRef();

    String leaseRef();

    /** Objects are being created in the lease's namespace. */
    record Provisioning(String bidRef, String leaseRef, String namespace) implements DeploymentOutcome {
        public Provisioning {
            Objects.requireNonNull(namespace, "namespace");
        }
    }

    /** The workload is ready (Deployment) or its pods are active or done (Job). */
    record Running(String bidRef, String leaseRef, String namespace, int readyReplicas) implements DeploymentOutcome {
    }

    /** The deployment failed; {@code namespace} is empty when nothing was created. */
    record Failed(String bidRef, String leaseRef, Optional<String> namespace, FailureStage stage, String reason)
            implements DeploymentOutcome {
        public Failed {
            Objects.requireNonNull(namespace, "namespace");
            Objects.requireNonNull(stage, "stage");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** The lease's namespace was deleted. */
    record Terminated(String bidRef, String leaseRef, String namespace, EndReason reason) implements DeploymentOutcome {
    }
}
