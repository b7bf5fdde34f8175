package dev.fabric.deployer.market;

import static dev.fabric.deployer.support.Fixtures.ME;
import static dev.fabric.deployer.support.Fixtures.OTHER_OPERATOR;
import static dev.fabric.deployer.support.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fabric.deployer.adapter.HeadGateway;
import dev.fabric.deployer.adapter.HeadGateway.SubmitResult;
import dev.fabric.deployer.domain.AllocationKind;
import dev.fabric.deployer.domain.BidResponse;
import dev.fabric.deployer.domain.Capacity;
import dev.fabric.deployer.domain.CapacityLedger;
import dev.fabric.deployer.domain.Reservation;
import dev.fabric.deployer.domain.UnitPricePolicy;
import dev.fabric.deployer.domain.UnitPrices;
import dev.fabric.deployer.support.Fixtures;
import dev.fabric.deployer.support.InMemoryHeadGateway;
import dev.fabric.deployer.support.MutableClock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class BidResponderTest {

    private static final Duration GRACE = Duration.ofMinutes(2);

    private final MutableClock clock = new MutableClock(T0);
    private final CapacityLedger ledger = new CapacityLedger();
    private final InMemoryHeadGateway head = new InMemoryHeadGateway();
    private final AtomicBoolean reconciled = new AtomicBoolean(true);
    private Capacity allocatable = new Capacity(8000, 16384, 200, 0);

    private BidResponder responder(Optional<HeadGateway> gateway) {
        return new BidResponder(Fixtures.PROFILE, new UnitPricePolicy(new UnitPrices(360_000, 36_000, 3_600, 0), 0, 7000, 5000), ledger,
                () -> allocatable, reconciled::get, gateway, clock, GRACE);
    }

    private final BidResponder responder = responder(Optional.of(head));

    @Test
    void shouldAcceptARaceBidAndHoldItsCapacity() {
        BidHandled handled = responder.onBidOpened(Fixtures.bid(1, AllocationKind.RACE));

        assertThat(handled.submission()).isEqualTo(BidHandled.Submission.SUBMITTED);
        assertThat(head.accepts()).singleElement().satisfies(a -> {
            assertThat(a.bidRef()).isEqualTo(Fixtures.bidRef(1));
            assertThat(a.price()).isEqualTo(((BidResponse.Accept) handled.decision()).price());
            assertThat(a.deadline()).isEqualTo(T0.plusSeconds(600));
        });
        assertThat(ledger.find(Fixtures.bidRef(1))).get().extracting(Reservation::hold, Reservation::expiresAt)
                .containsExactly(Reservation.Hold.OFFER, T0.plusSeconds(600).plus(GRACE));
        assertThat(responder.termsOf(Fixtures.bidRef(1))).contains(Fixtures.bid(1, AllocationKind.RACE));
    }

    @Test
    void shouldReleaseQuietlyWhenTheRaceIsLost() {
        head.next(InMemoryHeadGateway.Op.ACCEPT, new SubmitResult.Invalid("BadInputsUTxO: bid already spent"));

        BidHandled handled = responder.onBidOpened(Fixtures.bid(1, AllocationKind.RACE));

        assertThat(handled.submission()).isEqualTo(BidHandled.Submission.REFUSED_BY_HEAD);
        assertThat(ledger.find(Fixtures.bidRef(1))).isEmpty();
        assertThat(responder.openOffers()).isEmpty();
        assertThat(head.withdrawals()).isEmpty();
    }

    @Test
    void shouldReleaseWhenTheHeadGivesNoVerdict() {
        head.next(InMemoryHeadGateway.Op.OFFER, new SubmitResult.Unavailable("connection refused"));

        assertThat(responder.onBidOpened(Fixtures.bid(1, AllocationKind.AUCTION)).submission()).isEqualTo(BidHandled.Submission.HEAD_UNAVAILABLE);
        assertThat(ledger.find(Fixtures.bidRef(1))).isEmpty();
    }

    @Test
    void shouldOfferOnAnAuctionAndWithdrawWhenItLoses() {
        responder.onBidOpened(Fixtures.bid(1, AllocationKind.AUCTION));
        HeadGateway.OfferTx offer = head.offers().get(0);
        assertThat(offer.offered()).isEqualTo(Fixtures.REQUEST);
        assertThat(offer.expiry()).isEqualTo(T0.plusSeconds(600));

        responder.onAuctionDecided(Fixtures.bidRef(1), OTHER_OPERATOR);

        assertThat(head.withdrawals()).singleElement().satisfies(w -> assertThat(w.offerRef()).endsWith("#0"));
        assertThat(ledger.find(Fixtures.bidRef(1))).isEmpty();
        assertThat(responder.termsOf(Fixtures.bidRef(1))).isEmpty();
    }

    @Test
    void shouldKeepTheHoldWhenItWinsUntilTheLeaseTakesOver() {
        responder.onBidOpened(Fixtures.bid(1, AllocationKind.AUCTION));

        responder.onAuctionDecided(Fixtures.bidRef(1), ME);
        responder.onBidTaken(Fixtures.bidRef(1), ME);

        assertThat(ledger.find(Fixtures.bidRef(1))).isPresent();
        assertThat(responder.termsOf(Fixtures.bidRef(1))).isPresent();
        responder.onLeaseConfirmed(Fixtures.bidRef(1));
        assertThat(responder.termsOf(Fixtures.bidRef(1))).isEmpty();
        assertThat(head.withdrawals()).isEmpty();
    }

    @Test
    void shouldReleaseARaceAcceptWhenAnotherOperatorTookTheBid() {
        responder.onBidOpened(Fixtures.bid(1, AllocationKind.RACE));

        responder.onBidTaken(Fixtures.bidRef(1), OTHER_OPERATOR);

        assertThat(ledger.find(Fixtures.bidRef(1))).isEmpty();
        // A race accept leaves no Offer UTxO behind: nothing to withdraw.
        assertThat(head.withdrawals()).isEmpty();
    }

    @Test
    void shouldWithdrawWhenTheBidIsCancelledOrExpires() {
        responder.onBidOpened(Fixtures.bid(1, AllocationKind.AUCTION));
        responder.onBidOpened(Fixtures.bid(2, AllocationKind.REPUTATION));

        responder.onBidClosed(Fixtures.bidRef(1), "bid cancelled");
        responder.onBidClosed(Fixtures.bidRef(2), "bid expired");

        assertThat(head.withdrawals()).extracting(HeadGateway.WithdrawTx::bidRef).containsExactly(Fixtures.bidRef(1), Fixtures.bidRef(2));
        assertThat(ledger.snapshot(allocatable, clock.instant()).reserved()).isEqualTo(Capacity.ZERO);
    }

    @Test
    void shouldGiveUpAnOfferWithoutNewsAfterItsTtl() {
        responder.onBidOpened(Fixtures.bid(1, AllocationKind.AUCTION));

        clock.set(T0.plusSeconds(600).plus(GRACE));
        responder.sweep();

        assertThat(responder.openOffers()).isEmpty();
        assertThat(ledger.find(Fixtures.bidRef(1))).isEmpty();
        assertThat(head.withdrawals()).hasSize(1);
    }

    @Test
    void shouldRetryAWithdrawalThatGotNoVerdict() {
        responder.onBidOpened(Fixtures.bid(1, AllocationKind.AUCTION));
        head.next(InMemoryHeadGateway.Op.WITHDRAW, new SubmitResult.Unavailable("timeout"));
        responder.onAuctionDecided(Fixtures.bidRef(1), OTHER_OPERATOR);
        assertThat(responder.pendingWithdrawals()).hasSize(1);

        responder.sweep();

        assertThat(head.withdrawals()).hasSize(2);
        assertThat(responder.pendingWithdrawals()).isEmpty();
    }

    @Test
    void shouldNotAnswerTheSameBidTwice() {
        responder.onBidOpened(Fixtures.bid(1, AllocationKind.AUCTION));

        BidHandled again = responder.onBidOpened(Fixtures.bid(1, AllocationKind.AUCTION));

        assertThat(again.submission()).isEqualTo(BidHandled.Submission.ALREADY_ANSWERED);
        assertThat(head.offers()).hasSize(1);
    }

    @Test
    void shouldNotAnswerAgainNorFreeTheHoldOfABidItsLeaseTook() {
        // A restart lost the memory of the answer; the lease's hold came back with the cluster's inventory.
        ledger.holdLease(Fixtures.bidRef(1), Fixtures.REQUEST, T0.plusSeconds(7200));

        BidHandled again = responder.onBidOpened(Fixtures.bid(1, AllocationKind.RACE));
        responder.onBidClosed(Fixtures.bidRef(1), "a late event");
        clock.set(T0.plusSeconds(600).plus(GRACE));
        responder.sweep();

        assertThat(again.submission()).isEqualTo(BidHandled.Submission.ALREADY_ANSWERED);
        assertThat(head.accepts()).isEmpty();
        assertThat(ledger.find(Fixtures.bidRef(1))).get().extracting(Reservation::hold).isEqualTo(Reservation.Hold.LEASE);
    }

    @Test
    void shouldNotOverbookWhenCapacityRunsOut() {
        allocatable = new Capacity(3000, 16384, 200, 0);

        BidHandled first = responder.onBidOpened(Fixtures.bid(1, AllocationKind.AUCTION));
        BidHandled second = responder.onBidOpened(Fixtures.bid(2, AllocationKind.AUCTION));

        assertThat(first.submission()).isEqualTo(BidHandled.Submission.SUBMITTED);
        assertThat(second.submission()).isEqualTo(BidHandled.Submission.DECLINED);
        assertThat(second.detail()).contains("insufficient free capacity");
        assertThat(head.offers()).hasSize(1);
    }

    @Test
    void shouldAnswerABidOpenedBeforeTheInventoryWasReconciledOnceItIs() {
        reconciled.set(false);

        BidHandled handled = responder.onBidOpened(Fixtures.bid(1, AllocationKind.AUCTION));

        assertThat(handled.submission()).isEqualTo(BidHandled.Submission.DEFERRED);
        assertThat(handled.detail()).contains("not yet reconciled");
        assertThat(head.offers()).isEmpty();
        assertThat(ledger.find(Fixtures.bidRef(1))).isEmpty();
        assertThat(responder.sweep()).isEmpty();
        assertThat(responder.deferredBids()).containsExactly(Fixtures.bidRef(1));

        reconciled.set(true);
        clock.advance(Duration.ofSeconds(5));

        assertThat(responder.sweep()).singleElement().extracting(BidHandled::submission).isEqualTo(BidHandled.Submission.SUBMITTED);
        assertThat(head.offers()).singleElement().extracting(HeadGateway.OfferTx::bidRef).isEqualTo(Fixtures.bidRef(1));
        assertThat(responder.deferredBids()).isEmpty();
        assertThat(responder.sweep()).isEmpty();
        assertThat(responder.onBidOpened(Fixtures.bid(1, AllocationKind.AUCTION)).submission())
                .isEqualTo(BidHandled.Submission.ALREADY_ANSWERED);
        assertThat(head.offers()).hasSize(1);
    }

    @Test
    void shouldNotAnswerADeferredBidThatEndedOrPassedItsDeadlineMeanwhile() {
        reconciled.set(false);
        responder.onBidOpened(Fixtures.bid(1, AllocationKind.AUCTION));
        responder.onBidOpened(Fixtures.bid(2, AllocationKind.RACE));
        responder.onBidOpened(Fixtures.bid(3, AllocationKind.AUCTION));

        responder.onBidClosed(Fixtures.bidRef(1), "bid cancelled");
        responder.onBidTaken(Fixtures.bidRef(2), OTHER_OPERATOR);
        clock.advance(Duration.ofSeconds(600));
        responder.sweep();
        assertThat(responder.deferredBids()).as("dropped at the deadline even while the inventory is unknown").isEmpty();
        reconciled.set(true);

        assertThat(responder.sweep()).isEmpty();
        assertThat(responder.deferredBids()).isEmpty();
        assertThat(head.offers()).isEmpty();
        assertThat(head.accepts()).isEmpty();
    }

    @Test
    void shouldOnlyRecordDecisionsWithoutAHeadGateway() {
        BidResponder quoteOnly = responder(Optional.empty());

        BidHandled handled = quoteOnly.onBidOpened(Fixtures.bid(1, AllocationKind.AUCTION));

        assertThat(handled.submission()).isEqualTo(BidHandled.Submission.QUOTE_ONLY);
        assertThat(handled.decision()).isInstanceOf(BidResponse.Offer.class);
        assertThat(ledger.find(Fixtures.bidRef(1))).isEmpty();
    }
}
