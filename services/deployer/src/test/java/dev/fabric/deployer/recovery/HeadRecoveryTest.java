package dev.fabric.deployer.recovery;

import static dev.fabric.deployer.support.Fixtures.ME;
import static dev.fabric.deployer.support.Fixtures.OTHER_OPERATOR;
import static dev.fabric.deployer.support.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fabric.deployer.adapter.HeadGateway;
import dev.fabric.deployer.adapter.HeadGateway.HeldLease;
import dev.fabric.deployer.adapter.HeadGateway.HeldOffer;
import dev.fabric.deployer.adapter.HeadGateway.Holdings;
import dev.fabric.deployer.domain.AllocationKind;
import dev.fabric.deployer.domain.Capacity;
import dev.fabric.deployer.domain.CapacityLedger;
import dev.fabric.deployer.domain.Reservation;
import dev.fabric.deployer.domain.UnitPricePolicy;
import dev.fabric.deployer.domain.UnitPrices;
import dev.fabric.deployer.lease.LeaseBook;
import dev.fabric.deployer.lease.LeaseLifecycle;
import dev.fabric.deployer.lease.LeaseTiming;
import dev.fabric.deployer.lease.OwnReports;
import dev.fabric.deployer.market.BidHandled;
import dev.fabric.deployer.market.BidResponder;
import dev.fabric.deployer.provisioning.LeaseReconciler;
import dev.fabric.deployer.provisioning.model.LeaseObjectsModel;
import dev.fabric.deployer.provisioning.model.ModelOptions;
import dev.fabric.deployer.support.Fixtures;
import dev.fabric.deployer.support.InMemoryHeadGateway;
import dev.fabric.deployer.support.MutableClock;
import dev.fabric.deployer.support.RecordingEventSink;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A restart picks up from the head what the process forgot: unclaimed leases it delivered, open offers, lost offers. */
@EnableKubernetesMockClient(crud = true)
class HeadRecoveryTest {

    private static final Duration GRACE = Duration.ofMinutes(2);
    private static final Capacity OFFERED = new Capacity(1000, 1024, 1, 0);

    KubernetesClient client;

    private final MutableClock clock = new MutableClock(T0);
    private final InMemoryHeadGateway head = new InMemoryHeadGateway();
    private final CapacityLedger ledger = new CapacityLedger();
    private final List<Set<String>> reportsAskedFor = new ArrayList<>();
    private Set<String> reportedEnded = Set.of();
    private Capacity allocatable = new Capacity(8000, 16384, 200, 0);
    private LeaseLifecycle lifecycle;
    private BidResponder responder;
    private HeadRecovery recovery;

    @BeforeEach
    void setUp() {
        lifecycle = new LeaseLifecycle(new LeaseObjectsModel(new ModelOptions(false, Duration.ofMinutes(5), 3, Fixtures.DEPLOYER_ACCOUNT)),
                new LeaseReconciler(client, ME), ledger, new LeaseBook(), new RecordingEventSink(), Optional.of(head), Fixtures.RULES,
                new LeaseTiming(Duration.ofMinutes(5), Duration.ofMinutes(10)), clock);
        // As DeployerBeans wires it: bids wait for both the cluster and the head.
        responder = new BidResponder(Fixtures.PROFILE, new UnitPricePolicy(new UnitPrices(360_000, 36_000, 3_600, 0), 0, 7000, 5000),
                ledger, () -> allocatable, () -> lifecycle.recovered() && recovery.recovered(), Optional.of(head), clock, GRACE);
        recovery = new HeadRecovery(head, lifecycle, responder, (bids, since) -> {
            reportsAskedFor.add(bids);
            return reportedEnded;
        }, Duration.ofMinutes(5), clock);
        lifecycle.recover((bids, since) -> new OwnReports.Found(Set.of(), Set.of()));
    }

    @Test
    void shouldDeferBidsUntilTheHeadCouldBeRead() {
        head.holding(new HeadGateway.HoldingsRead.Unavailable("connection refused"));

        assertThat(recovery.recover()).isFalse();
        assertThat(responder.onBidOpened(Fixtures.bid(1, AllocationKind.AUCTION)).submission()).isEqualTo(BidHandled.Submission.DEFERRED);
        assertThat(responder.sweep()).isEmpty();

        head.holding(new HeadGateway.HoldingsRead.Read(Holdings.NONE));
        assertThat(recovery.recover()).isTrue();
        assertThat(responder.onBidOpened(Fixtures.bid(2, AllocationKind.AUCTION)).submission()).isEqualTo(BidHandled.Submission.SUBMITTED);
        assertThat(responder.sweep()).singleElement().extracting(BidHandled::bidRef, BidHandled::submission)
                .containsExactly(Fixtures.bidRef(1), BidHandled.Submission.SUBMITTED);
    }

    @Test
    void shouldClaimOnlyTheEndedLeasesItReportedDelivered() {
        HeldLease delivered = lease(1, T0.minusSeconds(7200));
        HeldLease failed = lease(2, T0.minusSeconds(7200));
        HeldLease running = lease(3, T0.minusSeconds(60));
        reportedEnded = Set.of(Fixtures.bidRef(1));
        head.holding(new HeadGateway.HoldingsRead.Read(new Holdings(List.of(), List.of(delivered, failed, running), Set.of())));

        assertThat(recovery.recover()).isTrue();
        lifecycle.sweep();

        assertThat(reportsAskedFor).containsExactly(Set.of(Fixtures.bidRef(1), Fixtures.bidRef(2)));
        assertThat(head.claims()).singleElement().satisfies(claim -> {
            assertThat(claim.leaseRef()).isEqualTo(delivered.leaseRef());
            assertThat(claim.notBefore()).isEqualTo(delivered.endsAt());
        });
    }

    @Test
    void shouldRetryARecoveredClaimThatGotNoVerdict() {
        reportedEnded = Set.of(Fixtures.bidRef(1));
        head.holding(new HeadGateway.HoldingsRead.Read(new Holdings(List.of(), List.of(lease(1, T0.minusSeconds(7200))), Set.of())));
        head.next(InMemoryHeadGateway.Op.CLAIM, new HeadGateway.SubmitResult.Unavailable("no snapshot"));
        recovery.recover();

        lifecycle.sweep();
        assertThat(lifecycle.pendingClaims()).hasSize(1);
        lifecycle.sweep();

        assertThat(head.claims()).hasSize(2);
        assertThat(lifecycle.pendingClaims()).isEmpty();
    }

    @Test
    void shouldLeaveALeaseWithANamespaceToTheLifecycle() {
        lifecycle.provision(Fixtures.lease(1), Optional.empty());
        reportedEnded = Set.of(Fixtures.bidRef(1));
        head.holding(new HeadGateway.HoldingsRead.Read(new Holdings(List.of(), List.of(lease(1, T0.minusSeconds(7200))), Set.of())));

        recovery.recover();

        assertThat(reportsAskedFor).isEmpty();
        assertThat(lifecycle.pendingClaims()).isEmpty();
    }

    @Test
    void shouldNotAnswerAgainABidThatItsLeaseOnTheHeadTook() {
        // The lease failed and its namespace is gone, the refund not yet settled; the BidOpened is redelivered after a restart.
        head.holding(new HeadGateway.HoldingsRead.Read(new Holdings(List.of(), List.of(lease(1, T0.minusSeconds(30))), Set.of())));
        recovery.recover();

        BidHandled again = responder.onBidOpened(Fixtures.bid(1, AllocationKind.RACE));

        assertThat(again.submission()).isEqualTo(BidHandled.Submission.ALREADY_ANSWERED);
        assertThat(head.accepts()).isEmpty();
        assertThat(ledger.find(Fixtures.bidRef(1))).isEmpty();
    }

    @Test
    void shouldHoldCapacityForOpenOffersAndWithdrawTheOnesThatLost() {
        HeldOffer open = offer(1, T0.plusSeconds(600));
        HeldOffer lost = offer(2, T0.plusSeconds(600));
        head.holding(new HeadGateway.HoldingsRead.Read(new Holdings(List.of(open, lost), List.of(), Set.of(open.bidRef()))));

        recovery.recover();

        assertThat(ledger.find(open.bidRef())).get().satisfies(r -> {
            assertThat(r.hold()).isEqualTo(Reservation.Hold.OFFER);
            assertThat(r.capacity()).isEqualTo(OFFERED);
            assertThat(r.expiresAt()).isEqualTo(open.expiry().plus(GRACE));
        });
        assertThat(head.withdrawals()).singleElement().satisfies(w -> assertThat(w.offerRef()).isEqualTo(lost.offerRef()));
        // A BidOpened redelivered after the restart is not answered a second time, and the lease (if won)
        // finds the bid's workload on fabric.bids, since the head does not have it.
        assertThat(responder.onBidOpened(Fixtures.bid(1, AllocationKind.AUCTION)).submission())
                .isEqualTo(BidHandled.Submission.ALREADY_ANSWERED);
        assertThat(responder.termsOf(open.bidRef())).isEmpty();

        responder.onAuctionDecided(open.bidRef(), OTHER_OPERATOR);

        assertThat(head.withdrawals()).extracting(HeadGateway.WithdrawTx::offerRef).containsExactly(lost.offerRef(), open.offerRef());
        assertThat(ledger.find(open.bidRef())).isEmpty();
    }

    @Test
    void shouldWithdrawAnOpenOfferThatNoLongerFits() {
        allocatable = new Capacity(500, 512, 1, 0);
        HeldOffer open = offer(1, T0.plusSeconds(600));
        head.holding(new HeadGateway.HoldingsRead.Read(new Holdings(List.of(open), List.of(), Set.of(open.bidRef()))));

        recovery.recover();

        assertThat(ledger.find(open.bidRef())).isEmpty();
        assertThat(head.withdrawals()).singleElement().satisfies(w -> assertThat(w.offerRef()).isEqualTo(open.offerRef()));
    }

    @Test
    void shouldRecoverOnlyOnce() {
        head.holding(new HeadGateway.HoldingsRead.Read(new Holdings(List.of(offer(2, T0.plusSeconds(600))), List.of(), Set.of())));
        recovery.recover();
        recovery.recover();

        assertThat(head.withdrawals()).hasSize(1);
    }

    private static HeldLease lease(int n, Instant start) {
        return new HeldLease(Fixtures.leaseRef(n), Fixtures.bidRef(n), 5_000_000, start, 3600);
    }

    private static HeldOffer offer(int n, Instant expiry) {
        return new HeldOffer(Fixtures.txId(500 + n) + "#0", Fixtures.bidRef(n), 4_000_000, OFFERED, expiry);
    }
}
