package dev.fabric.deployer.config;

import dev.fabric.deployer.adapter.HeadGateway;
import dev.fabric.deployer.domain.Capacity;
import dev.fabric.deployer.domain.CapacityLedger;
import dev.fabric.deployer.domain.OperatorProfile;
import dev.fabric.deployer.domain.PricingPolicy;
import dev.fabric.deployer.domain.UnitPricePolicy;
import dev.fabric.deployer.domain.UnitPrices;
import dev.fabric.deployer.domain.WorkloadRules;
import dev.fabric.deployer.lease.DeploymentEventSink;
import dev.fabric.deployer.lease.LeaseBook;
import dev.fabric.deployer.lease.LeaseLifecycle;
import dev.fabric.deployer.lease.LeaseTiming;
import dev.fabric.deployer.market.BidResponder;
import dev.fabric.deployer.provisioning.ClusterCapacity;
import dev.fabric.deployer.provisioning.LeaseReconciler;
import dev.fabric.deployer.provisioning.model.LeaseObjectsModel;
import dev.fabric.deployer.provisioning.model.ModelOptions;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import dev.fabric.deployer.adapter.DeploymentHistory;
import dev.fabric.deployer.recovery.HeadRecovery;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;

/**
 * Wires the plain-Java core from the validated configuration. The core classes know nothing of
 * CDI; everything configurable reaches them through here. Building the domain records re-checks
 * what bean validation cannot express (e.g. the surcharge threshold below 100 %), so bad config
 * still fails at start.
 */
@ApplicationScoped
public class DeployerBeans {

    @Produces
    @DefaultBean
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    @Produces
    @Singleton
    WorkloadRules workloadRules(DeployerConfig config) {
        DeployerConfig.WorkloadLimits w = config.workload();
        return new WorkloadRules(new HashSet<>(w.allowedRegistries().orElse(List.of())), w.requireDigest(), w.maxReplicas(), w.maxLeaseDuration());
    }

    @Produces
    @Singleton
    OperatorProfile operatorProfile(DeployerConfig config, WorkloadRules rules) {
        return new OperatorProfile(config.operatorId(), config.region(), rules);
    }

    @Produces
    @Singleton
    @DefaultBean
    PricingPolicy pricingPolicy(DeployerConfig config) {
        DeployerConfig.Pricing p = config.pricing();
        return new UnitPricePolicy(new UnitPrices(p.cpuCoreHourLovelace(), p.memoryGibHourLovelace(), p.storageGibHourLovelace(), p.gpuHourLovelace()),
                p.costFloorLovelace(), p.surchargeThresholdBps(), p.surchargeMaxBps());
    }

    @Produces
    @Singleton
    CapacityLedger capacityLedger() {
        return new CapacityLedger();
    }

    @Produces
    @Singleton
    LeaseBook leaseBook() {
        return new LeaseBook();
    }

    @Produces
    @Singleton
    ClusterCapacity clusterCapacity(KubernetesClient client, DeployerConfig config) {
        DeployerConfig.CapacityLimits c = config.capacity();
        Capacity cap = new Capacity(c.cpuMillis().orElse(Long.MAX_VALUE), c.memoryMib().orElse(Long.MAX_VALUE),
                c.storageGib().orElse(Long.MAX_VALUE), c.gpus().orElse(Integer.MAX_VALUE));
        return new ClusterCapacity(client, cap);
    }

    @Produces
    @Singleton
    LeaseObjectsModel leaseObjectsModel(DeployerConfig config) {
        DeployerConfig.Provisioning p = config.provisioning();
        return new LeaseObjectsModel(new ModelOptions(p.allowDnsEgress(), p.deployDeadline(), p.jobBackoffLimit(),
                new ModelOptions.ServiceAccountRef(p.account().namespace(), p.account().name())));
    }

    @Produces
    @Singleton
    LeaseReconciler leaseReconciler(KubernetesClient client, DeployerConfig config) {
        return new LeaseReconciler(client, config.operatorId());
    }

    @Produces
    @Singleton
    LeaseLifecycle leaseLifecycle(LeaseObjectsModel model, LeaseReconciler reconciler, CapacityLedger ledger, LeaseBook book,
                                  DeploymentEventSink events, HeadGateway gateway, WorkloadRules rules,
                                  DeployerConfig config, Clock clock) {
        DeployerConfig.Provisioning p = config.provisioning();
        return new LeaseLifecycle(model, reconciler, ledger, book, events, Optional.of(gateway), rules,
                new LeaseTiming(p.deployDeadline(), p.leaseHoldGrace()), clock);
    }

    /**
     * Bids are declined until the free capacity is known: the leases rebuilt from the cluster and the
     * open offers from the head.
     */
    @Produces
    @Singleton
    BidResponder bidResponder(OperatorProfile me, PricingPolicy pricing, CapacityLedger ledger, ClusterCapacity capacity,
                              LeaseLifecycle lifecycle, HeadGateway gateway, Provider<HeadRecovery> recovery, DeployerConfig config,
                              Clock clock) {
        return new BidResponder(me, pricing, ledger, capacity::allocatable, () -> lifecycle.recovered() && recovery.get().recovered(),
                Optional.of(gateway), clock, config.market().offerHoldGrace());
    }

    @Produces
    @Singleton
    HeadRecovery headRecovery(HeadGateway gateway, LeaseLifecycle lifecycle, BidResponder responder, DeploymentHistory history,
                              DeployerConfig config, Clock clock) {
        // Terminated(LEASE_ENDED) is only ever written once the lease ended: the margin covers clock skew between hosts.
        return new HeadRecovery(gateway, lifecycle, responder, history, Duration.ofMinutes(5), clock);
    }
}
