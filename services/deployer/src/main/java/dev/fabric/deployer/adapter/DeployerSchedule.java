package dev.fabric.deployer.adapter;

import dev.fabric.deployer.lease.LeaseLifecycle;
import dev.fabric.deployer.lease.OwnReports;
import dev.fabric.deployer.market.BidResponder;
import dev.fabric.deployer.provisioning.ClusterCapacity;
import dev.fabric.deployer.recovery.HeadRecovery;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/**
 * The deployer's clock-driven work: at start, read the nodes, rebuild leases and holds from the
 * cluster, then pick up what the head holds for this operator (open offers, unclaimed leases);
 * then poll rollouts in progress often (Running is reported within a poll of the workload being
 * ready), and less often advance every lease, expire offers, retry claims and withdrawals, and
 * re-read the nodes. Bids opened before both reconciliations succeeded wait for them (each is retried on every
 * sweep until it does) and are answered by the first sweep after.
 */
@ApplicationScoped
public class DeployerSchedule {

    private static final Logger LOG = Logger.getLogger(DeployerSchedule.class);

    @Inject
    LeaseLifecycle lifecycle;

    @Inject
    BidResponder responder;

    @Inject
    ClusterCapacity capacity;

    @Inject
    HeadRecovery headRecovery;

    @Inject
    MeterRegistry metrics;

    @Inject
    OwnReports reports;

    void onStart(@Observes StartupEvent start) {
        capacity.refresh();
        reconcileWithCluster();
        headRecovery.recover();
    }

    @Scheduled(every = "${fabric.deployer.provisioning.sweep-interval}", delayed = "${fabric.deployer.provisioning.sweep-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        if (!lifecycle.recovered()) {
            reconcileWithCluster();
            return;
        }
        headRecovery.recover();
        lifecycle.sweep();
        responder.sweep().forEach(handled -> BidsConsumer.count(metrics, handled));
    }

    @Scheduled(every = "${fabric.deployer.provisioning.rollout-poll-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void pollRollouts() {
        if (lifecycle.recovered()) {
            lifecycle.advanceRollouts();
        }
    }

    @Scheduled(every = "${fabric.deployer.capacity.refresh-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refreshCapacity() {
        capacity.refresh();
    }

    private void reconcileWithCluster() {
        try {
            lifecycle.recover(reports);
        } catch (RuntimeException e) {
            LOG.errorf("Cannot read this operator's namespaces or its reports on them (%s); bids are declined until it succeeds", e.getMessage());
        }
    }
}
