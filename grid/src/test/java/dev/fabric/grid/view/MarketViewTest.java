package dev.fabric.grid.view;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fabric.events.v1.bid.BidAwarded;
import dev.fabric.events.v1.bid.BidEvent;
import dev.fabric.events.v1.bid.BidExpired;
import dev.fabric.events.v1.common.ModeKind;
import dev.fabric.events.v1.settlement.ClaimConfirmed;
import dev.fabric.events.v1.settlement.LeaseConfirmed;
import dev.fabric.events.v1.settlement.LeaseSource;
import dev.fabric.events.v1.settlement.RefundConfirmed;
import dev.fabric.testkit.EventSamples;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class MarketViewTest {

    private static final Instant T0 = EventSamples.T0;
    private final MarketView view = new MarketView();

    private static BidEvent opened(String ref) {
        return EventSamples.bidEvent(ref, EventSamples.bidOpened(ModeKind.AUCTION), null, T0);
    }

    private static BidEvent awarded(String ref, String operator) {
        return EventSamples.bidEvent(ref, BidAwarded.newBuilder().setOfferRef(EventSamples.ref(9, 0)).setOperatorId(operator)
                .setPrice(7_000_000L).setLeaseRef(EventSamples.ref(8, 0)).build(), null, T0.plusSeconds(30));
    }

    private static LeaseConfirmed lease() {
        return LeaseConfirmed.newBuilder().setLeaseRef(EventSamples.ref(8, 0)).setSource(LeaseSource.AWARD)
                .setOperatorId(EventSamples.OPERATOR_ID).setAppPkh(EventSamples.APP_PKH).setPrice(7_000_000L)
                .setStartAt(T0.plusSeconds(30)).setDurationSeconds(60).build();
    }

    @Test
    void shouldCountOpenBidsAndTheirEscrow() {
        view.apply(opened(EventSamples.ref(1, 0)));
        view.apply(opened(EventSamples.ref(2, 0)));

        MarketSnapshot snapshot = view.snapshot(T0);

        assertThat(snapshot.bidsOpen()).isEqualTo(2);
        assertThat(snapshot.lovelaceInEscrow()).isEqualTo(2 * EventSamples.bidOpened(ModeKind.AUCTION).getEscrowLovelace());
    }

    @Test
    void shouldMoveEscrowFromTheBidToTheLeaseUntilItIsSettled() {
        String ref = EventSamples.ref(1, 0);
        view.apply(opened(ref));
        view.apply(awarded(ref, EventSamples.OPERATOR_ID));
        view.apply(EventSamples.settlementEvent(ref, lease(), null, T0.plusSeconds(31)));

        assertThat(view.snapshot(T0).leasesRunning()).isEqualTo(1);
        assertThat(view.snapshot(T0).lovelaceInEscrow()).isEqualTo(7_000_000L);

        view.apply(EventSamples.settlementEvent(ref, ClaimConfirmed.newBuilder().setLeaseRef(EventSamples.ref(8, 0))
                .setOperatorId(EventSamples.OPERATOR_ID).setAmount(7_000_000L).build(), null, T0.plusSeconds(100)));

        assertThat(view.snapshot(T0).leasesRunning()).isZero();
        assertThat(view.snapshot(T0).lovelaceInEscrow()).isZero();
        assertThat(view.snapshot(T0).bidsAwarded()).isEqualTo(1);
    }

    @Test
    void shouldIgnoreRedeliveredEvents() {
        BidEvent event = opened(EventSamples.ref(1, 0));

        view.apply(event);
        view.apply(event);
        view.apply(event);

        assertThat(view.snapshot(T0).bidsOpen()).isEqualTo(1);
        assertThat(view.repeats()).containsOnlyKeys(event.getEventId());
        assertThat(view.repeats().get(event.getEventId()).kind()).isEqualTo("bid");
        assertThat(view.repeats().get(event.getEventId()).extraDeliveries()).isEqualTo(2);
    }

    @Test
    void shouldReportDoubleAwardsAndDoubleSettlements() {
        String ref = EventSamples.ref(1, 0);
        view.apply(opened(ref));
        var first = EventSamples.decision(ref);
        var second = dev.fabric.events.v1.award.AuctionDecision.newBuilder(first).setEventId("other").setWinnerOperatorId("0c".repeat(28)).build();
        view.apply(first);
        view.apply(second);
        view.apply(EventSamples.settlementEvent(ref, ClaimConfirmed.newBuilder().setLeaseRef("l").setOperatorId("o").setAmount(1).build(), null, T0));
        view.apply(EventSamples.settlementEvent(ref, RefundConfirmed.newBuilder().setLeaseRef("l").setAppPkh("a").setAmount(1).setReason("r").build(), null, T0));

        assertThat(view.snapshot(T0).violations()).hasSize(2)
                .anySatisfy(v -> assertThat(v).startsWith("double award"))
                .anySatisfy(v -> assertThat(v).contains("settled twice"));
    }

    @Test
    void shouldAcceptTheCancelOfAnExpiredBidButNotOfAnAwardedOne() {
        String expired = EventSamples.ref(1, 0);
        String awarded = EventSamples.ref(2, 0);
        view.apply(opened(expired));
        view.apply(opened(awarded));
        view.apply(EventSamples.bidEvent(expired, BidExpired.newBuilder().setDeadline(T0).setOffersSeen(0).setReason("none").build(), null, T0));
        view.apply(EventSamples.bidEvent(expired, dev.fabric.events.v1.bid.BidCancelled.newBuilder().setRefundedLovelace(1).build(), null, T0));
        view.apply(awarded(awarded, EventSamples.OPERATOR_ID));
        view.apply(EventSamples.bidEvent(awarded, dev.fabric.events.v1.bid.BidCancelled.newBuilder().setRefundedLovelace(1).build(), null, T0));

        assertThat(view.snapshot(T0).violations()).singleElement().asString().contains(awarded).contains("AWARDED then CANCELLED");
        assertThat(view.status(expired)).contains(BidStatus.CANCELLED);
    }

    @Test
    void shouldAcceptAnExpiryThatArrivesAfterTheCancelOnlyWhenItCameFirstInEventTime() {
        String consistent = EventSamples.ref(1, 0);
        String inconsistent = EventSamples.ref(2, 0);
        var cancel = dev.fabric.events.v1.bid.BidCancelled.newBuilder().setRefundedLovelace(1).build();
        var expiry = BidExpired.newBuilder().setDeadline(T0).setOffersSeen(0).setReason("none").build();
        view.apply(opened(consistent));
        view.apply(opened(inconsistent));
        view.apply(EventSamples.bidEvent(consistent, cancel, null, T0.plusSeconds(40)));
        view.apply(EventSamples.bidEvent(consistent, expiry, null, T0.plusSeconds(30)));
        view.apply(EventSamples.bidEvent(inconsistent, cancel, null, T0.plusSeconds(10)));
        view.apply(EventSamples.bidEvent(inconsistent, expiry, null, T0.plusSeconds(30)));

        assertThat(view.status(consistent)).contains(BidStatus.CANCELLED);
        assertThat(view.snapshot(T0).violations()).singleElement().asString().contains(inconsistent).contains("CANCELLED then EXPIRED");
    }

    @Test
    void shouldReportTwoDifferentAwardsOfOneBid() {
        String ref = EventSamples.ref(1, 0);
        view.apply(opened(ref));
        BidEvent first = awarded(ref, EventSamples.OPERATOR_ID);
        view.apply(first);
        view.apply(BidEvent.newBuilder(first).setEventId("another-award").build());

        assertThat(view.snapshot(T0).violations()).singleElement().asString().contains("AWARDED then AWARDED");
    }

    @Test
    void shouldFlagBidsStillOpenPastDeadlineAndGrace() {
        String late = EventSamples.ref(1, 0);
        String expired = EventSamples.ref(2, 0);
        view.apply(opened(late));
        view.apply(opened(expired));
        view.apply(EventSamples.bidEvent(expired, BidExpired.newBuilder().setDeadline(T0.plusSeconds(600)).setOffersSeen(0)
                .setReason("none").build(), null, T0.plusSeconds(600)));
        Instant afterDeadline = EventSamples.bidOpened(ModeKind.AUCTION).getDeadline().plusSeconds(61);

        assertThat(view.overdueBids(afterDeadline, Duration.ofSeconds(60))).containsExactly(late);
        assertThat(view.overdueBids(afterDeadline, Duration.ofSeconds(120))).isEmpty();
    }

    @Test
    void shouldMeasureOffersPerSecondOverARecentWindow() {
        String ref = EventSamples.ref(1, 0);
        view.apply(opened(ref));
        for (int i = 0; i < 20; i++) {
            view.apply(EventSamples.offerEvent(ref, EventSamples.ref(100 + i, 0), EventSamples.offerMade(EventSamples.OPERATOR_ID, 9_000_000L),
                    null, T0), T0.plusSeconds(i));
        }

        MarketSnapshot snapshot = view.snapshot(T0.plusSeconds(20));

        assertThat(snapshot.offersTotal()).isEqualTo(20);
        assertThat(snapshot.offersPerSecond()).isEqualTo(1.0);
        assertThat(snapshot.summaryLine()).contains("offers 20 (1.0/s)");
    }
}
