package dev.fabric.deployer.api;

import dev.fabric.deployer.lease.LeaseLifecycle;
import dev.fabric.deployer.provisioning.ClusterCapacity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready once the leases and holds were rebuilt from the cluster: before that, no bid is answered. */
@Readiness
@ApplicationScoped
public class ClusterReconciledCheck implements HealthCheck {

    @Inject
    LeaseLifecycle lifecycle;

    @Inject
    ClusterCapacity capacity;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("deployer cluster reconciliation")
                .status(lifecycle.recovered())
                .withData("leases", lifecycle.leases().size())
                .withData("allocatable", capacity.allocatable().toString())
                .build();
    }
}
