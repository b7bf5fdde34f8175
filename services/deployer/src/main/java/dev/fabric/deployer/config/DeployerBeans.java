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
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Wires the plain-Java core from the validated configuration. The core classes know nothing of
 * CDI; everything configurable reaches them through here. Building the domain records re-checks
 * what bean validation cannot express (e.g. the surcharge threshold below 100 %), so bad config
 * still fails at start.
 */
@ApplicationScoped
public class DeployerBeans {

    private static final Logger LOG = Logger.getLogger(DeployerBeans.class);

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
        return new LeaseObjectsModel(new ModelOptions(p.allowDnsEgress(), p.deployDeadline(), p.jobBackoffLimit()));
    }

    @Produces
    @Singleton
    LeaseReconciler leaseReconciler(KubernetesClient client, DeployerConfig config) {
        return new LeaseReconciler(client, config.operatorId());
    }

    @Produces
    @Singleton
    LeaseLifecycle leaseLifecycle(LeaseObjectsModel model, LeaseReconciler reconciler, CapacityLedger ledger, LeaseBook book,
                                  DeploymentEventSink events, Instance<HeadGateway> gateway, WorkloadRules rules,
                                  DeployerConfig config, Clock clock) {
        DeployerConfig.Provisioning p = config.provisioning();
        return new LeaseLifecycle(model, reconciler, ledger, book, events, headGateway(gateway), rules,
                new LeaseTiming(p.deployDeadline(), p.leaseHoldGrace()), clock);
    }

    @Produces
    @Singleton
    BidResponder bidResponder(OperatorProfile me, PricingPolicy pricing, CapacityLedger ledger, ClusterCapacity capacity,
                              LeaseLifecycle lifecycle, Instance<HeadGateway> gateway, DeployerConfig config, Clock clock) {
        return new BidResponder(me, pricing, ledger, capacity::allocatable, lifecycle::recovered, headGateway(gateway), clock,
                config.market().offerHoldGrace());
    }

    /**
     * The head-backed gateway comes with the on-chain modules; until one is installed the deployer
     * still provisions leases it is given, and records (but cannot submit) its answers to bids.
     */
    private static Optional<HeadGateway> headGateway(Instance<HeadGateway> gateway) {
        if (gateway.isResolvable()) {
            return Optional.of(gateway.get());
        }
        LOG.warn("No HeadGateway installed: bids are priced but not answered, claims are not submitted");
        return Optional.empty();
    }
}
