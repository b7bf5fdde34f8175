package dev.fabric.deployer.api;

import dev.fabric.deployer.lease.LeaseLifecycle;
import dev.fabric.deployer.provisioning.ClusterCapacity;
import dev.fabric.deployer.recovery.HeadRecovery;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready once the leases and holds were rebuilt from the cluster and the open offers from the head:
 * before that, the free capacity is not known and no bid is answered.
 */
@Readiness
@ApplicationScoped
public class ClusterReconciledCheck implements HealthCheck {

    @Inject
    LeaseLifecycle lifecycle;

    @Inject
    ClusterCapacity capacity;

    @Inject
    HeadRecovery headRecovery;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("deployer cluster reconciliation")
                .status(lifecycle.recovered() && headRecovery.recovered())
                .withData("cluster", lifecycle.recovered())
                .withData("head", headRecovery.recovered())
                .withData("leases", lifecycle.leases().size())
                .withData("allocatable", capacity.allocatable().toString())
                .build();
    }
}
