package dev.fabric.auction.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fabric.auction.domain.Mode;
import dev.fabric.events.v1.bid.BidAccepted;
import dev.fabric.events.v1.bid.BidEvent;
import dev.fabric.events.v1.bid.BidOpened;
import dev.fabric.events.v1.common.AllocationMode;
import dev.fabric.events.v1.common.ModeKind;
import dev.fabric.events.v1.common.ResourceRequest;
import dev.fabric.events.v1.offer.OfferEvent;
import dev.fabric.events.v1.offer.OfferWithdrawn;
import dev.fabric.testkit.EventSamples;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class AuctionInputsTest {

    private static final String BID = EventSamples.ref(1, 0);

    private static BidEvent opened(BidOpened payload) {
        return EventSamples.bidEvent(BID, payload, null, EventSamples.T0);
    }

    @Test
    void shouldAcceptTheSampleEvents() {
        for (ModeKind kind : new ModeKind[] {ModeKind.RACE, ModeKind.AUCTION, ModeKind.REPUTATION}) {
            assertThat(AuctionInputs.bidProblems(opened(EventSamples.bidOpened(kind)))).isEmpty();
        }
        OfferEvent offer = EventSamples.offerEvent(BID, EventSamples.ref(2, 0), EventSamples.offerMade(EventSamples.OPERATOR_ID, 9), null,
                EventSamples.T0);
        assertThat(AuctionInputs.offerProblems(offer)).isEmpty();
    }

    @Test
    void shouldNameEveryBrokenTermOfABid() {
        BidOpened broken = BidOpened.newBuilder(EventSamples.bidOpened(ModeKind.AUCTION))
                .setRequest(ResourceRequest.newBuilder(EventSamples.request()).setCpuMillis(0).setDurationSeconds(0).build())
                .setMinPrice(-1).setMaxPrice(-2).setEscrowLovelace(-3)
                .setMode(AllocationMode.newBuilder().setKind(ModeKind.AUCTION).setWindowMs(null).build()).build();

        assertThat(AuctionInputs.bidProblems(opened(broken))).containsExactly(
                "request.cpuMillis must be > 0, got 0",
                "minPrice must be >= 0, got -1",
                "maxPrice -2 < minPrice -1",
                "request.durationSeconds must be > 0, got 0",
                "escrowLovelace -3 < maxPrice -2",
                "auction mode needs windowMs > 0, got null");
    }

    @Test
    void shouldRefuseModesItCannotRun() {
        BidOpened unknown = BidOpened.newBuilder(EventSamples.bidOpened(ModeKind.RACE))
                .setMode(AllocationMode.newBuilder().setKind(ModeKind.UNKNOWN).build()).build();
        BidOpened reputation = BidOpened.newBuilder(EventSamples.bidOpened(ModeKind.REPUTATION))
                .setMode(AllocationMode.newBuilder().setKind(ModeKind.REPUTATION).setMinScoreBps(10_001).setPriorityWindowMs(0L).build()).build();

        assertThat(AuctionInputs.bidProblems(opened(unknown))).containsExactly("allocation mode UNKNOWN is not one this auction knows");
        assertThat(AuctionInputs.bidProblems(opened(reputation))).containsExactly(
                "reputation mode needs minScoreBps within 0..10000, got 10001", "reputation mode needs priorityWindowMs > 0, got 0");
    }

    @Test
    void shouldRefuseMalformedReferencesAndBlankOperators() {
        BidEvent accept = EventSamples.bidEvent("not-a-ref", BidAccepted.newBuilder().setOperatorId(" ").setPrice(-1).setLeaseRef("x").build(),
                null, EventSamples.T0);
        assertThat(AuctionInputs.bidProblems(accept)).hasSize(4);
        OfferEvent withdrawal = EventSamples.offerEvent(BID, "y#1", OfferWithdrawn.newBuilder().setOperatorId("").build(), null, EventSamples.T0);
        assertThat(AuctionInputs.offerProblems(withdrawal)).hasSize(2);
    }

    @Test
    void shouldMapBidTermsIntoTheDomain() {
        var input = (AuctionInput.Opened) AuctionInputs.fromBid(BID, opened(EventSamples.bidOpened(ModeKind.REPUTATION))).orElseThrow();
        assertThat(input.bid().mode()).isEqualTo(new Mode.ReputationPriority(6000, Duration.ofSeconds(20)));
        assertThat(input.bid().openedAt()).isEqualTo(EventSamples.T0);
        assertThat(input.bid().request().cpuMillis()).isEqualTo(2000);
        assertThat(AuctionInputs.fromBid("another-key", opened(EventSamples.bidOpened(ModeKind.RACE))).orElseThrow())
                .isInstanceOf(AuctionInput.Misplaced.class);
    }
}
