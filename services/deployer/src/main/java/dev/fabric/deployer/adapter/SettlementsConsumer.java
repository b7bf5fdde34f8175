package dev.fabric.deployer.adapter;

import dev.fabric.deployer.config.DeployerConfig;
import dev.fabric.deployer.domain.BidTerms;
import dev.fabric.deployer.domain.FailureStage;
import dev.fabric.deployer.lease.ApiRetry;
import dev.fabric.deployer.lease.ConfirmedLease;
import dev.fabric.deployer.lease.DeploymentEventSink;
import dev.fabric.deployer.lease.LeaseLifecycle;
import dev.fabric.deployer.market.BidResponder;
import dev.fabric.deployer.domain.DeploymentOutcome;
import dev.fabric.deployer.provisioning.model.LeaseSpec;
import dev.fabric.deployer.recovery.LeasesEndedEarly;
import dev.fabric.events.v1.settlement.ClaimConfirmed;
import dev.fabric.events.v1.settlement.LeaseConfirmed;
import dev.fabric.events.v1.settlement.RefundConfirmed;
import dev.fabric.events.v1.settlement.SettlementEvent;
import dev.fabric.events.v1.settlement.SettlementFailed;
import dev.fabric.events.v1.settlement.SettlementStage;
import dev.fabric.topics.Topics;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * {@code fabric.settlements}: a lease confirmed for this operator is provisioned; a refund or a
 * confirmed claim ends it; a failed award releases the offer. Leases of other operators are none of
 * this operator's business and are skipped.
 *
 * <p>The record is acknowledged only after provisioning reached an outcome (objects created, or a
 * reported failure): a crash before that redelivers the lease, and re-provisioning is idempotent.
 * A lease that ended before its time is not provisioned again by a repeated confirmation, also after
 * a restart: for leases older than the process, this operator's own reports say which ended early.
 */
@ApplicationScoped
public class SettlementsConsumer {

    private static final Logger LOG = Logger.getLogger(SettlementsConsumer.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    /** Reports are written after the lease started; the margin covers clock skew between hosts. */
    private static final Duration REPORT_SKEW = Duration.ofMinutes(5);

    @Inject
    InboundRecords inbound;

    @Inject
    LeaseLifecycle lifecycle;

    @Inject
    BidResponder responder;

    @Inject
    BidArchive archive;

    @Inject
    DeploymentEventSink events;

    @Inject
    DeployerConfig config;

    @Inject
    LeasesEndedEarly reports;

    @Inject
    Clock clock;

    /** Leases that started before this may have been provisioned, and ended, by an earlier run. */
    private Instant startedAt;

    @PostConstruct
    void start() {
        startedAt = clock.instant();
    }

    @Incoming("settlements")
    @Blocking
    public void onRecord(ConsumerRecord<byte[], byte[]> record) {
        inbound.process(Topics.SETTLEMENTS, record, this::handle);
    }

    /**
     * The memory of leases that ended early is per process; a confirmation repeated after a restart
     * (Kafka redelivers what was not acknowledged) is checked against this operator's reports. When
     * they cannot be read the lease is provisioned as if new, as it was before reports were consulted.
     */
    private void rememberIfEndedInAnEarlierRun(ConfirmedLease lease) {
        // A lease already over needs no reports: the lifecycle never re-creates one.
        if (!lease.startAt().isBefore(startedAt) || !clock.instant().isBefore(lease.endsAt())
                || lifecycle.knows(lease.bidRef(), lease.leaseRef())) {
            return;
        }
        try {
            if (reports.endedEarly(Set.of(lease.bidRef()), lease.startAt().minus(REPORT_SKEW)).contains(lease.bidRef())) {
                lifecycle.recoverEndedEarly(lease.leaseRef(), lease.endsAt());
            }
        } catch (RuntimeException e) {
            LOG.warnf("Cannot read this operator's reports on lease %s of bid %s (%s); provisioning it as a new lease",
                    lease.leaseRef(), lease.bidRef(), e.getMessage());
        }
    }

    void handle(String key, SettlementEvent event) throws InvalidEventException {
        String bidRef = InboundEvents.subject(key, event.getBidRef());
        Object payload = event.getPayload();
        if (payload instanceof LeaseConfirmed confirmed) {
            if (config.operatorId().equals(confirmed.getOperatorId())) {
                provision(InboundEvents.confirmedLease(bidRef, confirmed), Optional.of(event.getEventId()));
            }
        } else if (payload instanceof ClaimConfirmed claimed) {
            if (config.operatorId().equals(claimed.getOperatorId())) {
                lifecycle.onClaimed(bidRef, claimed.getLeaseRef());
            }
        } else if (payload instanceof RefundConfirmed refunded) {
            lifecycle.onRefunded(refunded.getLeaseRef());
        } else if (payload instanceof SettlementFailed failed) {
            if (failed.getStage() == SettlementStage.AWARD && !failed.getRetriable()) {
                responder.onBidClosed(bidRef, "award could not be settled: " + failed.getReason());
            }
        }
        // AwardSubmitted: nothing to do until the lease is confirmed.
    }

    private void provision(ConfirmedLease lease, Optional<String> causationId) {
        rememberIfEndedInAnEarlierRun(lease);
        Optional<BidTerms> terms = responder.termsOf(lease.bidRef())
                .or(() -> archive.find(lease.bidRef(), lease.startAt()).flatMap(opened -> termsOf(lease.bidRef(), opened)));
        if (terms.isEmpty()) {
            events.publish(new DeploymentOutcome.Failed(lease.bidRef(), lease.leaseRef(), Optional.empty(), FailureStage.PROVISIONING,
                    "the bid's BidOpened (and so its workload) was not found on " + Topics.BIDS.name()), causationId);
            return;
        }
        if (terms.get().workload().isEmpty()) {
            events.publish(new DeploymentOutcome.Failed(lease.bidRef(), lease.leaseRef(), Optional.empty(), FailureStage.VALIDATION,
                    "bid carries no workload spec"), causationId);
            return;
        }
        LeaseSpec spec = lease.toSpec(terms.get(), terms.get().workload().get());
        DeployerConfig.Provisioning p = config.provisioning();
        try {
            new ApiRetry(p.applyAttempts(), p.applyBackoff(), MAX_BACKOFF).run(() -> lifecycle.provision(spec, causationId));
        } catch (KubernetesClientException e) {
            LOG.errorf("Giving up provisioning lease %s of bid %s: %s", lease.leaseRef(), lease.bidRef(), e.getMessage());
            try {
                lifecycle.provisioningFailed(spec, "Kubernetes API: " + e.getMessage(), causationId);
            } catch (KubernetesClientException again) {
                // Failed is reported; the lease stays in the book and the sweep finishes its teardown.
                LOG.warnf("Teardown of lease %s deferred to the sweep: %s", lease.leaseRef(), again.getMessage());
            }
        }
        responder.onLeaseConfirmed(lease.bidRef());
    }

    private static Optional<BidTerms> termsOf(String bidRef, dev.fabric.events.v1.bid.BidOpened opened) {
        try {
            return Optional.of(InboundEvents.bidTerms(bidRef, opened));
        } catch (InvalidEventException e) {
            LOG.warnf("Archived bid %s is unusable: %s", bidRef, e.getMessage());
            return Optional.empty();
        }
    }
}
