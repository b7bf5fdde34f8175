package dev.fabric.auction.domain;

import static dev.fabric.auction.domain.Market.BID;
import static dev.fabric.auction.domain.Market.at;
import static dev.fabric.auction.domain.Market.auctionBid;
import static dev.fabric.auction.domain.Market.offer;
import static dev.fabric.auction.domain.Market.op;
import static dev.fabric.auction.domain.Market.raceBid;
import static dev.fabric.auction.domain.Market.reputationBid;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AuctionLifecycleTest {

    private static final Duration GRACE = Duration.ofSeconds(30);
    private static final Duration RETENTION = Duration.ofHours(1);

    private final AuctionLifecycle lifecycle = new AuctionLifecycle(GRACE, RETENTION);

    private static AuctionState next(Step step) {
        assertThat(step).isInstanceOf(Step.Move.class);
        return ((Step.Move) step).next();
    }

    private static Accept accept(String operator, long price, long seconds) {
        return new Accept("accept-event", operator, price, "1e".repeat(32) + "#0", at(seconds));
    }

    @Test
    void shouldOpenABidAndScheduleItsRule() {
        AuctionState state = next(lifecycle.bidOpened(Optional.empty(), auctionBid(), List.of()));
        assertThat(state).isEqualTo(new AuctionState.Open(auctionBid(), at(30)));
    }

    @Test
    void shouldIgnoreARepeatedBidOpened() {
        AuctionState open = new AuctionState.Open(auctionBid(), at(30));
        assertThat(lifecycle.bidOpened(Optional.of(open), auctionBid(), List.of())).isEqualTo(Step.keep());
    }

    @Test
    void shouldHoldAnOfferForAnUnknownBidUntilTheGracePasses() {
        Offer offer = offer(1, 9_000_000, 5);
        Step step = lifecycle.offerMade(Optional.empty(), offer, false);
        assertThat(next(step)).isEqualTo(new AuctionState.AwaitingBid(BID, at(5), at(35)));
        assertThat(step.effects()).containsExactly(new Effect.StoreOffer(offer));
    }

    @Test
    void shouldMeasureTheOrphanGraceFromTheEarliestHeldOffer() {
        AuctionState awaiting = new AuctionState.AwaitingBid(BID, at(5), at(35));
        assertThat(lifecycle.offerMade(Optional.of(awaiting), offer(2, 9_000_000, 9), false)).isInstanceOf(Step.Keep.class);
        assertThat(next(lifecycle.offerMade(Optional.of(awaiting), offer(2, 9_000_000, 2), false)))
                .isEqualTo(new AuctionState.AwaitingBid(BID, at(2), at(32)));
    }

    @Test
    void shouldOpenWithTheHeldOffersWhenTheBidArrives() {
        AuctionState awaiting = new AuctionState.AwaitingBid(BID, at(5), at(35));
        Step step = lifecycle.bidOpened(Optional.of(awaiting), reputationBid(), List.of(offer(1, 9_000_000, 5)));
        assertThat(next(step)).isEqualTo(new AuctionState.Open(reputationBid(), at(20)));
        assertThat(step.effects()).isEmpty();
    }

    @Test
    void shouldRefuseHeldOffersAsUnknownBidWhenTheGracePasses() {
        AuctionState awaiting = new AuctionState.AwaitingBid(BID, at(5), at(35));
        Step step = lifecycle.due(awaiting, List.of(offer(2, 9_000_000, 9), offer(1, 9_000_000, 5)), ScoreBook.NONE);
        assertThat(step).isInstanceOf(Step.Forget.class);
        assertThat(step.effects()).extracting(e -> ((Effect.Reject) e).offer().offerRef(), e -> ((Effect.Reject) e).refusal(),
                        e -> ((Effect.Reject) e).at())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(Market.offerRef(1), Refusal.BID_UNKNOWN, at(35)),
                        org.assertj.core.groups.Tuple.tuple(Market.offerRef(2), Refusal.BID_UNKNOWN, at(35)));
    }

    @Test
    void shouldKeepAnOfferForAnOpenBid() {
        AuctionState open = new AuctionState.Open(auctionBid(), at(30));
        Offer offer = offer(1, 9_000_000, 5);
        assertThat(lifecycle.offerMade(Optional.of(open), offer, false)).isEqualTo(Step.keep(new Effect.StoreOffer(offer)));
        assertThat(lifecycle.offerMade(Optional.of(open), offer, true)).isEqualTo(Step.keep());
    }

    @Test
    void shouldRefuseOffersForARaceBid() {
        AuctionState open = new AuctionState.Open(raceBid(), at(600));
        Step step = lifecycle.offerMade(Optional.of(open), offer(1, 9_000_000, 5), false);
        assertThat(step.effects()).singleElement().satisfies(e -> assertThat(((Effect.Reject) e).refusal()).isEqualTo(Refusal.WRONG_MODE));
    }

    @Test
    void shouldDecideAnOpenBidWhenItComesDue() {
        AuctionState open = new AuctionState.Open(auctionBid(), at(30));
        Step step = lifecycle.due(open, List.of(offer(1, 9_000_000, 5)), ScoreBook.NONE);
        AuctionState.Closed closed = (AuctionState.Closed) next(step);
        assertThat(closed.termination()).isEqualTo(Termination.AWARDED);
        assertThat(closed.closedAt()).isEqualTo(at(30));
        assertThat(closed.dueAt()).isEqualTo(at(30).plus(RETENTION));
        assertThat(step.effects()).singleElement().isInstanceOf(Effect.Decide.class);
    }

    @Test
    void shouldExpireAnOpenBidWithoutEligibleOffersWhenItComesDue() {
        AuctionState open = new AuctionState.Open(auctionBid(), at(30));
        Step step = lifecycle.due(open, List.of(offer(1, 99_000_000, 5)), ScoreBook.NONE);
        assertThat(((AuctionState.Closed) next(step)).termination()).isEqualTo(Termination.EXPIRED);
        Effect.Expire expire = (Effect.Expire) step.effects().get(0);
        assertThat(expire.offersSeen()).isEqualTo(1);
        assertThat(expire.expiry().at()).isEqualTo(at(30));
    }

    @Test
    void shouldRefuseAnOfferForAClosedAuctionAsBidClosed() {
        AuctionState closed = new AuctionState.Closed(auctionBid(), Termination.AWARDED, at(30), "won", List.of(), at(3630));
        Step step = lifecycle.offerMade(Optional.of(closed), offer(1, 9_000_000, 12), false);
        Effect.Reject reject = (Effect.Reject) step.effects().get(0);
        assertThat(reject.refusal()).isEqualTo(Refusal.BID_CLOSED);
        assertThat(reject.at()).isEqualTo(at(30));
        assertThat(reject.detail()).isEqualTo("auction closed at " + at(30) + " (AWARDED); offer confirmed at " + at(12));
    }

    @Test
    void shouldForgetAClosedAuctionWhenItsRetentionEnds() {
        AuctionState closed = new AuctionState.Closed(auctionBid(), Termination.AWARDED, at(30), "won", List.of(), at(3630));
        assertThat(lifecycle.due(closed, List.of(), ScoreBook.NONE)).isEqualTo(new Step.Forget(List.of()));
    }

    @Test
    void shouldCloseACancelledBidAtOnceWithoutADecision() {
        AuctionState open = new AuctionState.Open(auctionBid(), at(30));
        Step step = lifecycle.cancelled(Optional.of(open), at(12), List.of());
        AuctionState.Closed closed = (AuctionState.Closed) next(step);
        assertThat(closed.termination()).isEqualTo(Termination.CANCELLED);
        assertThat(closed.closedAt()).isEqualTo(at(12));
        assertThat(step.effects()).isEmpty();
    }

    @Test
    void shouldRefuseHeldOffersWhenAnUnseenBidIsCancelled() {
        AuctionState awaiting = new AuctionState.AwaitingBid(BID, at(5), at(35));
        Step step = lifecycle.cancelled(Optional.of(awaiting), at(12), List.of(offer(1, 9_000_000, 5)));
        assertThat(step).isInstanceOf(Step.Forget.class);
        assertThat(((Effect.Reject) step.effects().get(0)).refusal()).isEqualTo(Refusal.BID_CLOSED);
    }

    @Test
    void shouldRecordTheHeadsRaceWinner() {
        AuctionState open = new AuctionState.Open(raceBid(), at(600));
        Step step = lifecycle.accepted(Optional.of(open), accept(op(1), 9_000_000, 4));
        assertThat(((AuctionState.Closed) next(step)).termination()).isEqualTo(Termination.AWARDED);
        assertThat(((Effect.Decide) step.effects().get(0)).award().rule()).isEqualTo("RaceRule");
    }

    @Test
    void shouldStillRecordARaceAcceptThatArrivesAfterTheBidWasExpired() {
        AuctionState expired = new AuctionState.Closed(raceBid(), Termination.EXPIRED, at(600), "no accept", List.of(), at(4200));
        Step step = lifecycle.accepted(Optional.of(expired), accept(op(1), 9_000_000, 590));
        assertThat(((AuctionState.Closed) next(step)).termination()).isEqualTo(Termination.AWARDED);
        assertThat(step.effects()).singleElement().isInstanceOf(Effect.Decide.class);
    }

    @Test
    void shouldReportAnAcceptBreakingTheBidsTermsAndCloseTheSpentBid() {
        AuctionState open = new AuctionState.Open(raceBid(), at(600));
        Step step = lifecycle.accepted(Optional.of(open), accept(op(1), 99_000_000, 4));
        assertThat(((AuctionState.Closed) next(step)).termination()).isEqualTo(Termination.SPENT_ON_HEAD);
        assertThat(((Effect.Report) step.effects().get(0)).reason()).contains("accept price 99000000 outside");
    }

    @Test
    void shouldReportAnAcceptOfANonRaceBid() {
        AuctionState open = new AuctionState.Open(auctionBid(), at(30));
        Step step = lifecycle.accepted(Optional.of(open), accept(op(1), 9_000_000, 4));
        assertThat(step.effects()).singleElement().isInstanceOf(Effect.Report.class);
        assertThat(lifecycle.accepted(Optional.empty(), accept(op(1), 9_000_000, 4)).effects()).singleElement().isInstanceOf(Effect.Report.class);
    }

    @Test
    void shouldMarkAWithdrawnOfferAndMoveTheCheckBack() {
        Offer offer = offer(2, 7_000_000, 6);
        AuctionState open = new AuctionState.Open(reputationBid(), at(20));
        Step step = lifecycle.offerWithdrawn(Optional.of(open), Optional.of(offer), op(2), at(10), () -> List.of(offer));
        assertThat(next(step)).isEqualTo(new AuctionState.Open(reputationBid(), at(600)));
        assertThat(step.effects()).containsExactly(new Effect.StoreOffer(offer.withdrawn(at(10))));
    }

    @Test
    void shouldReportAWithdrawalByAnotherOperator() {
        Offer offer = offer(2, 7_000_000, 3);
        AuctionState open = new AuctionState.Open(auctionBid(), at(30));
        Step step = lifecycle.offerWithdrawn(Optional.of(open), Optional.of(offer), op(9), at(4), () -> List.of(offer));
        assertThat(step.effects()).singleElement().isInstanceOf(Effect.Report.class);
    }

    @Test
    void shouldCloseAnUndecidedBidAwardedDirectlyOnTheHead() {
        AuctionState open = new AuctionState.Open(auctionBid(), at(30));
        AuctionState.Closed closed = (AuctionState.Closed) next(lifecycle.awardedOnHead(Optional.of(open), at(10), op(1)));
        assertThat(closed.termination()).isEqualTo(Termination.SPENT_ON_HEAD);
    }
}
