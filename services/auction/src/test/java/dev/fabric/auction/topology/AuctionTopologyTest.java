package dev.fabric.auction.topology;

import static dev.fabric.auction.topology.AuctionDriver.T0;
import static dev.fabric.auction.topology.AuctionDriver.at;
import static dev.fabric.auction.topology.AuctionDriver.bidRef;
import static dev.fabric.auction.topology.AuctionDriver.offerRef;
import static dev.fabric.auction.topology.AuctionDriver.operator;
import static dev.fabric.testkit.EventSamples.bidOpened;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fabric.auction.config.AuctionSettings;
import dev.fabric.events.EventIds;
import dev.fabric.events.v1.award.AuctionDecision;
import dev.fabric.events.v1.award.OfferOutcome;
import dev.fabric.events.v1.award.RankedOffer;
import dev.fabric.events.v1.bid.BidEvent;
import dev.fabric.events.v1.bid.BidExpired;
import dev.fabric.events.v1.bid.BidOpened;
import dev.fabric.events.v1.common.ModeKind;
import dev.fabric.events.v1.offer.OfferEvent;
import dev.fabric.events.v1.offer.OfferRejected;
import dev.fabric.events.v1.offer.OfferRejection;
import dev.fabric.testkit.EventSamples;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AuctionTopologyTest {

    private static final String BID = bidRef(1);

    private final AuctionDriver market = new AuctionDriver();

    @AfterEach
    void tearDown() {
        market.close();
    }

    private static List<OfferOutcome> outcomes(AuctionDecision decision) {
        return decision.getRanking().stream().map(RankedOffer::getOutcome).toList();
    }

    private static OfferRejected rejected(OfferEvent event) {
        return (OfferRejected) event.getPayload();
    }

    // ---- auction window

    @Test
    void shouldAwardTheLowestPriceOnceEventTimeHasPassedTheCloseByTheLateness() {
        BidEvent opened = EventSamples.bidEvent(BID, bidOpened(ModeKind.AUCTION), EventSamples.chain(1, 1, 1), T0);
        market.open(BID, bidOpened(ModeKind.AUCTION), T0)
                .offer(BID, 1, 1, 12_000_000, at(5))
                .offer(BID, 2, 2, 9_000_000, at(6))
                .offer(BID, 3, 3, 10_000_000, at(7))
                .eventTime(at(31));
        assertThat(market.decisions()).as("the lateness (2 s) has not passed yet").isEmpty();

        market.eventTime(at(32));

        List<TestRecord<String, AuctionDecision>> records = market.decisionRecords();
        assertThat(records).hasSize(1);
        assertThat(records.get(0).key()).isEqualTo(BID);
        assertThat(records.get(0).timestamp()).isEqualTo(at(30).toEpochMilli());
        AuctionDecision decision = records.get(0).value();
        assertThat(decision.getEventId()).isEqualTo(EventIds.of("AuctionDecision", BID));
        assertThat(decision.getCausationId()).isEqualTo(opened.getEventId());
        assertThat(decision.getMode()).isEqualTo(ModeKind.AUCTION);
        assertThat(decision.getRule()).isEqualTo("LowestPriceRule");
        assertThat(decision.getWinnerOperatorId()).isEqualTo(operator(2));
        assertThat(decision.getWinnerOfferRef()).isEqualTo(offerRef(2));
        assertThat(decision.getPrice()).isEqualTo(9_000_000L);
        assertThat(decision.getAppPkh()).isEqualTo(EventSamples.APP_PKH);
        assertThat(decision.getArbiter()).isEqualTo(EventSamples.ARBITER);
        assertThat(decision.getLeaseRef()).isNull();
        assertThat(decision.getOccurredAt()).isEqualTo(at(30));
        assertThat(decision.getWindowOpenedAt()).isEqualTo(T0);
        assertThat(decision.getWindowClosedAt()).isEqualTo(at(30));
        assertThat(decision.getDeployDeadline()).isEqualTo(at(30).plus(Duration.ofMinutes(5)));
        assertThat(decision.getRanking()).extracting(RankedOffer::getRank).containsExactly(1, 2, 3);
        assertThat(outcomes(decision)).containsExactly(OfferOutcome.WON, OfferOutcome.OUTBID, OfferOutcome.OUTBID);
        assertThat(decision.getRanking().get(1).getDetail()).isEqualTo("price 10000000 > winning 9000000");
        assertThat(market.counter("fabric.auction.decisions", "mode", "AUCTION")).isEqualTo(1.0);
    }

    @Test
    void shouldCloseOnceProgressMarksCarryTheQuietBidsInputPastTheClose() {
        market.open(BID, bidOpened(ModeKind.AUCTION), T0)
                .offer(BID, 1, 1, 12_000_000, at(5))
                .offer(BID, 2, 2, 9_000_000, at(6))
                .offer(bidRef(2), 1, 3, 9_000_000, at(33));
        assertThat(market.decisions()).as("offers are past the close, but the bids input has said nothing since it opened").isEmpty();

        market.bidsMark(at(31));
        assertThat(market.decisions()).as("a mark moves event time, but not yet past the close by the lateness").isEmpty();
        market.bidsMark(at(32));

        assertThat(market.decisions()).singleElement().satisfies(decision -> {
            assertThat(decision.getWinnerOperatorId()).isEqualTo(operator(2));
            assertThat(decision.getOccurredAt()).isEqualTo(at(30));
        });
        assertThat(market.deadLetters()).as("marks are not bad input").isEmpty();
        assertThat(market.bidEvents()).isEmpty();
        assertThat(market.offerEvents()).isEmpty();
    }

    @Test
    void shouldCountAMarkOnTheOffersInputAsThatInputsProgressOnly() {
        market.open(BID, bidOpened(ModeKind.AUCTION), T0).offer(BID, 1, 1, 9_000_000, at(5));

        market.offersMark(at(40));
        assertThat(market.decisions()).as("the bids input is still at the bid's opening").isEmpty();
        market.bidsMark(at(40));

        assertThat(market.decisions()).hasSize(1);
        assertThat(market.<Object>store(AuctionStores.BIDS).approximateNumEntries()).as("no state for the marks").isEqualTo(1);
        assertThat(market.deadLetters()).isEmpty();
    }

    @Test
    void shouldNeitherDecideAgainNorDeadLetterNorCloseEarlyOnMarksRepeatedOrLate() {
        // Ingest reading two nodes of one head writes marks from each: one node's mark can repeat the other's or lag behind it.
        market.open(BID, bidOpened(ModeKind.AUCTION), T0).offer(BID, 1, 1, 9_000_000, at(5));
        market.offersMark(at(40)).bidsMark(at(40));
        assertThat(market.decisions()).hasSize(1);

        market.bidsMark(at(40)).bidsMark(at(10)).offersMark(at(10)).offersMark(at(40));
        market.open(bidRef(2), bidOpened(ModeKind.AUCTION), at(41)).offer(bidRef(2), 2, 2, 9_000_000, at(45));
        market.bidsMark(at(20)).offersMark(at(20));
        assertThat(market.decisions()).as("no second decision for the first bid, none yet for the second").isEmpty();

        market.bidsMark(at(72)).offersMark(at(72));
        assertThat(market.decisions()).as("the second closes at 71 and waits out the lateness as usual").isEmpty();
        market.bidsMark(at(73)).offersMark(at(73));
        assertThat(market.decisions()).singleElement().satisfies(decision -> {
            assertThat(decision.getBidRef()).isEqualTo(bidRef(2));
            assertThat(decision.getWinnerOperatorId()).isEqualTo(operator(2));
        });
        assertThat(market.deadLetters()).isEmpty();
    }

    @Test
    void shouldKeepAnOfferDeliveredTwiceOnceAndListItByItsOperator() {
        market.open(BID, bidOpened(ModeKind.AUCTION), T0)
                .offer(BID, 1, 1, 9_000_000, at(5))
                .offer(BID, 1, 1, 9_000_000, at(5))
                .offer(BID, 2, 2, 10_000_000, at(6));

        assertThat(market.operatorIndex().size()).isEqualTo(2);
        assertThat(market.operatorIndex().offersOf(operator(1))).containsExactly(new OperatorOfferIndex.Entry(BID, offerRef(1)));
        assertThat(market.operatorIndex().offersOf(operator(3))).isEmpty();
        market.eventTime(at(32));
        assertThat(market.decisions()).singleElement()
                .satisfies(decision -> assertThat(decision.getRanking()).extracting(RankedOffer::getOfferRef).containsExactly(offerRef(1), offerRef(2)));
    }

    @Test
    void shouldBreakAPriceTieByTheReputationInForceAtTheClose() {
        market.score(1, 5000, at(-100)).score(2, 8000, at(-100))
                .open(BID, bidOpened(ModeKind.AUCTION), T0)
                .offer(BID, 1, 1, 9_000_000, at(5))
                .offer(BID, 2, 2, 9_000_000, at(6))
                .score(1, 9900, at(31))
                .eventTime(at(32));

        AuctionDecision decision = market.decisions().get(0);
        assertThat(decision.getWinnerOperatorId()).isEqualTo(operator(2));
        assertThat(decision.getRanking().get(0).getScoreBps()).isEqualTo(8000);
        assertThat(decision.getRanking().get(1).getScoreBps()).as("the score published after the close is not used").isEqualTo(5000);
        assertThat(outcomes(decision)).containsExactly(OfferOutcome.WON, OfferOutcome.TIE_LOST_REPUTATION);
    }

    @Test
    void shouldBreakAPriceAndReputationTieByEarlierConfirmation() {
        market.open(BID, bidOpened(ModeKind.AUCTION), T0)
                .offer(BID, 1, 5, 9_000_000, at(4))
                .offer(BID, 2, 4, 9_000_000, at(3))
                .eventTime(at(32));

        AuctionDecision decision = market.decisions().get(0);
        assertThat(decision.getWinnerOperatorId()).isEqualTo(operator(4));
        assertThat(outcomes(decision)).containsExactly(OfferOutcome.WON, OfferOutcome.TIE_LOST_CONFIRMATION_TIME);
    }

    @Test
    void shouldBreakAFullTieByOperatorId() {
        market.open(BID, bidOpened(ModeKind.AUCTION), T0)
                .offer(BID, 1, 5, 9_000_000, at(4))
                .offer(BID, 2, 4, 9_000_000, at(4))
                .eventTime(at(32));

        AuctionDecision decision = market.decisions().get(0);
        assertThat(decision.getWinnerOperatorId()).isEqualTo(operator(4));
        assertThat(outcomes(decision)).containsExactly(OfferOutcome.WON, OfferOutcome.TIE_LOST_OPERATOR_ID);
    }

    @Test
    void shouldExplainWhyIneligibleOffersLost() {
        BidOpened strict = BidOpened.newBuilder(bidOpened(ModeKind.AUCTION)).setAllowedOperators(List.of(operator(1), operator(2))).build();
        var small = AuctionDriver.withCpu(EventSamples.offerMade(operator(2), 9_000_000), 500);
        market.open(BID, strict, T0)
                .offer(BID, 1, 1, 11_000_000, at(2))
                .offer(BID, offerRef(2), small, at(3))
                .offer(BID, 3, 3, 6_000_000, at(4))
                .offer(BID, 4, 1, 99_000_000, at(5))
                .eventTime(at(32));

        AuctionDecision decision = market.decisions().get(0);
        assertThat(decision.getWinnerOperatorId()).isEqualTo(operator(1));
        assertThat(outcomes(decision)).containsExactly(OfferOutcome.WON, OfferOutcome.RESOURCES_SHORT, OfferOutcome.NOT_ALLOWED,
                OfferOutcome.PRICE_OUT_OF_RANGE);
        assertThat(decision.getRanking()).extracting(RankedOffer::getRank).containsExactly(1, 0, 0, 0);
        assertThat(decision.getRanking().get(1).getDetail()).isEqualTo("cpuMillis 500 < 2000");
    }

    @Test
    void shouldRankAnOfferConfirmedAfterTheCloseAsLate() {
        market.open(BID, bidOpened(ModeKind.AUCTION), T0)
                .offer(BID, 1, 1, 12_000_000, at(5))
                .offer(BID, 2, 2, 6_000_000, at(31))
                .eventTime(at(32));

        AuctionDecision decision = market.decisions().get(0);
        assertThat(decision.getWinnerOperatorId()).isEqualTo(operator(1));
        assertThat(outcomes(decision)).containsExactly(OfferOutcome.WON, OfferOutcome.LATE);
    }

    @Test
    void shouldRefuseAnOfferThatArrivesAfterTheDecision() {
        market.open(BID, bidOpened(ModeKind.AUCTION), T0)
                .offer(BID, 1, 1, 12_000_000, at(5))
                .eventTime(at(40))
                .offer(BID, 2, 2, 6_000_000, at(29));

        assertThat(market.decisions()).singleElement().satisfies(d -> assertThat(d.getWinnerOperatorId()).isEqualTo(operator(1)));
        List<OfferEvent> refused = market.offerEvents();
        assertThat(refused).hasSize(1);
        assertThat(refused.get(0).getOfferRef()).isEqualTo(offerRef(2));
        assertThat(refused.get(0).getOccurredAt()).isEqualTo(at(30));
        assertThat(rejected(refused.get(0)).getRejection()).isEqualTo(OfferRejection.BID_CLOSED);
        assertThat(rejected(refused.get(0)).getDetail()).isEqualTo("auction closed at " + at(30) + " (AWARDED); offer confirmed at " + at(29));
        assertThat(market.decisions()).as("no second decision").isEmpty();
    }

    @Test
    void shouldNotLetAWithdrawnOfferWin() {
        market.open(BID, bidOpened(ModeKind.AUCTION), T0)
                .offer(BID, 1, 1, 9_000_000, at(5))
                .offer(BID, 2, 2, 10_000_000, at(6))
                .withdraw(BID, 1, 1, at(10))
                .eventTime(at(32));

        AuctionDecision decision = market.decisions().get(0);
        assertThat(decision.getWinnerOperatorId()).isEqualTo(operator(2));
        assertThat(outcomes(decision)).containsExactly(OfferOutcome.WON, OfferOutcome.WITHDRAWN);
    }

    @Test
    void shouldExpireAnAuctionWithoutEligibleOffersAtTheClose() {
        market.open(BID, bidOpened(ModeKind.AUCTION), T0)
                .offer(BID, 1, 1, 99_000_000, at(5))
                .eventTime(at(32));

        assertThat(market.decisions()).isEmpty();
        List<BidEvent> expired = market.bidEvents();
        assertThat(expired).hasSize(1);
        assertThat(expired.get(0).getEventId()).isEqualTo(EventIds.of("BidExpired", BID));
        assertThat(expired.get(0).getOccurredAt()).isEqualTo(at(30));
        BidExpired payload = (BidExpired) expired.get(0).getPayload();
        assertThat(payload.getDeadline()).isEqualTo(at(600));
        assertThat(payload.getOffersSeen()).isEqualTo(1);
        assertThat(payload.getReason()).isEqualTo("no eligible offer in the auction window (1 offer: 1 PRICE_OUT_OF_RANGE)");
    }

    // ---- race

    @Test
    void shouldRecordTheRaceWinnerTheHeadConfirmed() {
        market.open(BID, bidOpened(ModeKind.RACE), T0).accept(BID, 1, 9_000_000, at(4));

        AuctionDecision decision = market.decisions().get(0);
        assertThat(decision.getRule()).isEqualTo("RaceRule");
        assertThat(decision.getMode()).isEqualTo(ModeKind.RACE);
        assertThat(decision.getWinnerOperatorId()).isEqualTo(operator(1));
        assertThat(decision.getWinnerOfferRef()).isNull();
        assertThat(decision.getLeaseRef()).isEqualTo(EventSamples.ref(77, 0));
        assertThat(decision.getOccurredAt()).isEqualTo(at(4));
        assertThat(decision.getRanking()).singleElement().satisfies(line -> assertThat(line.getOfferRef()).isNull());
    }

    @Test
    void shouldRefuseOffersForARaceBidWithAReason() {
        market.open(BID, bidOpened(ModeKind.RACE), T0).offer(BID, 1, 1, 9_000_000, at(3));

        OfferEvent refused = market.offerEvents().get(0);
        assertThat(rejected(refused).getRejection()).isEqualTo(OfferRejection.INVALID);
        assertThat(rejected(refused).getDetail()).contains("race mode");
    }

    @Test
    void shouldExpireARaceBidWithoutAnAcceptAtItsDeadline() {
        market.open(BID, bidOpened(ModeKind.RACE), T0).eventTime(at(601));
        assertThat(market.bidEvents()).isEmpty();

        market.eventTime(at(602));

        BidEvent expired = market.bidEvents().get(0);
        assertThat(expired.getOccurredAt()).isEqualTo(at(600));
        assertThat(((BidExpired) expired.getPayload()).getReason()).isEqualTo("no accept confirmed by the deadline " + at(600));
    }

    // ---- cancel

    @Test
    void shouldCloseACancelledAuctionAtOnceAndRefuseLaterOffers() {
        market.open(BID, bidOpened(ModeKind.AUCTION), T0)
                .offer(BID, 1, 1, 9_000_000, at(5))
                .cancel(BID, at(10))
                .offer(BID, 2, 2, 8_000_000, at(12))
                .eventTime(at(700));

        assertThat(market.decisions()).isEmpty();
        assertThat(market.bidEvents()).isEmpty();
        assertThat(market.offerEvents()).singleElement()
                .satisfies(e -> assertThat(rejected(e).getRejection()).isEqualTo(OfferRejection.BID_CLOSED));
    }

    // ---- reputation priority

    @Test
    void shouldLetOnlyReputableOperatorsWinDuringThePriorityWindow() {
        market.score(1, 8000, at(-10)).score(2, 4000, at(-10))
                .open(BID, bidOpened(ModeKind.REPUTATION), T0)
                .offer(BID, 1, 1, 12_000_000, at(5))
                .offer(BID, 2, 2, 7_000_000, at(6))
                .eventTime(at(22));

        AuctionDecision decision = market.decisions().get(0);
        assertThat(decision.getRule()).isEqualTo("ReputationPriorityRule");
        assertThat(decision.getMode()).isEqualTo(ModeKind.REPUTATION);
        assertThat(decision.getWinnerOperatorId()).isEqualTo(operator(1));
        assertThat(decision.getOccurredAt()).isEqualTo(at(20));
        assertThat(outcomes(decision)).containsExactly(OfferOutcome.WON, OfferOutcome.LOW_REPUTATION);
    }

    @Test
    void shouldOpenToAllWhenNoReputableOperatorOfferedInThePriorityWindow() {
        market.score(2, 4000, at(-10))
                .open(BID, bidOpened(ModeKind.REPUTATION), T0)
                .offer(BID, 2, 2, 7_000_000, at(6))
                .eventTime(at(22));

        AuctionDecision decision = market.decisions().get(0);
        assertThat(decision.getWinnerOperatorId()).isEqualTo(operator(2));
        assertThat(decision.getRanking().get(0).getDetail()).contains("opened to all");
    }

    @Test
    void shouldAwardTheFirstEligibleOfferAfterAnEmptyPriorityWindow() {
        market.open(BID, bidOpened(ModeKind.REPUTATION), T0)
                .offer(BID, 1, 1, 99_000_000, at(5))
                .eventTime(at(30));
        assertThat(market.decisions()).isEmpty();

        market.offer(BID, 2, 2, 9_000_000, at(40))
                .offer(BID, 3, 3, 6_000_000, at(41))
                .eventTime(at(45));

        AuctionDecision decision = market.decisions().get(0);
        assertThat(decision.getWinnerOperatorId()).isEqualTo(operator(2));
        assertThat(decision.getOccurredAt()).isEqualTo(at(40));
        assertThat(outcomes(decision)).containsExactly(OfferOutcome.WON, OfferOutcome.PRICE_OUT_OF_RANGE, OfferOutcome.LATE);
    }

    // ---- orphan offers

    @Test
    void shouldHoldAnOfferThatArrivesBeforeItsBid() {
        market.offer(BID, 1, 1, 9_000_000, at(5))
                .open(BID, bidOpened(ModeKind.AUCTION), T0)
                .eventTime(at(32));

        assertThat(market.decisions()).singleElement().satisfies(d -> assertThat(d.getWinnerOfferRef()).isEqualTo(offerRef(1)));
        assertThat(market.offerEvents()).isEmpty();
    }

    @Test
    void shouldRefuseOffersWhoseBidDoesNotArriveWithinTheOrphanGrace() {
        market.offer(BID, 1, 1, 9_000_000, at(5)).eventTime(at(36));
        assertThat(market.offerEvents()).isEmpty();

        market.eventTime(at(37));

        OfferEvent refused = market.offerEvents().get(0);
        assertThat(rejected(refused).getRejection()).isEqualTo(OfferRejection.BID_UNKNOWN);
        assertThat(refused.getOccurredAt()).isEqualTo(at(35));
        assertThat(refused.getEventId()).isEqualTo(EventIds.of("OfferRejected", offerRef(1), "BID_UNKNOWN"));
        assertThat(market.<Object>store(AuctionStores.BIDS).get(BID)).isNull();
        assertThat(market.<Object>store(AuctionStores.OFFERS).approximateNumEntries()).isZero();
    }

    // ---- wall clock

    @Test
    void shouldCloseAnAuctionOnTheWallClockWhenTheHeadIsQuiet() {
        market.open(BID, bidOpened(ModeKind.AUCTION), T0).offer(BID, 1, 1, 9_000_000, at(5));

        market.wallClock(Duration.ofSeconds(31));
        assertThat(market.decisions()).as("wall clock has not passed the close by the lateness").isEmpty();
        market.wallClock(Duration.ofSeconds(1));

        assertThat(market.decisions()).singleElement().satisfies(d -> {
            assertThat(d.getOccurredAt()).as("the decision time is the event-time close, not the wall clock").isEqualTo(at(30));
            assertThat(d.getWinnerOperatorId()).isEqualTo(operator(1));
        });
        var delay = market.registry.find("fabric.auction.decision.delay").timer();
        assertThat(delay.count()).isEqualTo(1);
        assertThat(delay.totalTime(java.util.concurrent.TimeUnit.MILLISECONDS)).as("decided 2 s of wall clock after the close: the lateness")
                .isEqualTo(2_000.0);
    }

    @Test
    void shouldNotCloseOnTheWallClockWhileInputsFlow() {
        market.open(BID, bidOpened(ModeKind.AUCTION), T0).offer(BID, 1, 1, 9_000_000, at(5));
        for (int halfSeconds = 1; halfSeconds <= 76; halfSeconds++) {
            // Live inputs (9 s behind the wall clock) whose event time stays before the close.
            Instant eventTime = T0.plusMillis(Math.max(0, Math.min(29_000, halfSeconds * 500L - 9_000)));
            market.wallClock(Duration.ofMillis(500)).eventTime(eventTime);
        }
        assertThat(market.decisions()).as("the wall clock (38 s) is past the close, but inputs keep flowing").isEmpty();

        market.wallClock(Duration.ofSeconds(1)).wallClock(Duration.ofSeconds(1));

        assertThat(market.decisions()).hasSize(1);
    }

    @Test
    void shouldWaitLongerBeforeTheWallClockClosesAuctionsWhenInputsWereNotLive() {
        market.wallClock(Duration.ofMinutes(10))
                .open(BID, bidOpened(ModeKind.AUCTION), T0).offer(BID, 1, 1, 9_000_000, at(5));

        market.wallClock(Duration.ofSeconds(2));
        assertThat(market.decisions()).as("inputs ten minutes old: maybe a backlog, not a quiet head").isEmpty();
        market.wallClock(Duration.ofSeconds(29));

        assertThat(market.decisions()).hasSize(1);
    }

    @Test
    void shouldNotCloseOnTheWallClockWhileInputIsWaitingToBeRead() {
        java.util.concurrent.atomic.AtomicBoolean backlog = new java.util.concurrent.atomic.AtomicBoolean(true);
        try (AuctionDriver catchingUp = new AuctionDriver(AuctionSettings.defaults(), AuctionStores.Backing.IN_MEMORY, task -> backlog.get())) {
            catchingUp.open(BID, bidOpened(ModeKind.AUCTION), T0).offer(BID, 1, 1, 9_000_000, at(5)).wallClock(Duration.ofSeconds(40));
            assertThat(catchingUp.decisions()).isEmpty();

            backlog.set(false);
            catchingUp.wallClock(Duration.ofMillis(500));

            assertThat(catchingUp.decisions()).hasSize(1);
        }
    }

    // ---- bad input

    @Test
    void shouldDeadLetterUnreadableAndInvalidInputAndKeepDeciding() {
        market.rawOffers.pipeInput(BID, new byte[] {1, 2, 3}, at(1));
        market.offer(BID, 1, 1, -5, at(2));
        BidOpened inverted = BidOpened.newBuilder(bidOpened(ModeKind.AUCTION)).setMinPrice(9).setMaxPrice(8).build();
        market.open(bidRef(2), inverted, T0);
        var nothing = AuctionDriver.withCpu(EventSamples.offerMade(operator(1), 9_000_000), 0);
        market.offer(BID, offerRef(3), nothing, at(3));

        market.open(BID, bidOpened(ModeKind.AUCTION), T0).offer(BID, 4, 4, 9_000_000, at(5)).eventTime(at(32));

        assertThat(market.deadLetters()).extracting(dl -> dl.getReason()).satisfiesExactly(
                reason -> assertThat(reason).startsWith("Cannot decode OfferEvent"),
                reason -> assertThat(reason).contains("price must be >= 0, got -5"),
                reason -> assertThat(reason).contains("maxPrice 8 < minPrice 9"),
                reason -> assertThat(reason).contains("offered.cpuMillis must be > 0, got 0"));
        assertThat(market.decisions()).singleElement().satisfies(d -> assertThat(d.getWinnerOfferRef()).isEqualTo(offerRef(4)));
    }

    @Test
    void shouldDeadLetterAnEventKeyedUnderAnotherBid() {
        market.offer(bidRef(2), offerRef(1), EventSamples.offerMade(operator(1), 9_000_000), at(2));
        OfferEvent misfiled = EventSamples.offerEvent(BID, offerRef(2), EventSamples.offerMade(operator(1), 9_000_000), null, at(3));
        market.driver.createInputTopic(dev.fabric.topics.Topics.OFFERS.name(), new org.apache.kafka.common.serialization.StringSerializer(),
                dev.fabric.topics.Topics.OFFERS.valueSerde().serializer()).pipeInput(bidRef(3), misfiled, at(3));

        assertThat(market.deadLetters()).singleElement().satisfies(dl -> {
            assertThat(dl.getReason()).isEqualTo("record key " + bidRef(3) + " is not the event's bidRef " + BID);
            assertThat(dl.getSourceTopic()).isEqualTo(dev.fabric.topics.Topics.OFFERS.name());
            assertThat(dl.getService()).isEqualTo("auction");
        });
    }

    @Test
    void shouldDeadLetterAnAcceptForABidThatIsNotARace() {
        market.open(BID, bidOpened(ModeKind.AUCTION), T0).accept(BID, 1, 9_000_000, at(4)).eventTime(at(40));

        assertThat(market.deadLetters()).singleElement()
                .satisfies(dl -> assertThat(dl.getReason()).contains("but the bid is not in race mode"));
        assertThat(market.decisions()).as("the bid was spent on the head: nothing left to award").isEmpty();
    }

    @Test
    void shouldSkipAnUnreadableScoreCountItAndKeepRankingByTheOthers() {
        market.driver.createInputTopic(dev.fabric.topics.Topics.REPUTATION_SCORES.name(),
                new org.apache.kafka.common.serialization.StringSerializer(), new org.apache.kafka.common.serialization.ByteArraySerializer())
                .pipeInput(operator(1), new byte[] {1, 2, 3}, at(-50));
        market.score(2, 7000, at(-10))
                .open(BID, bidOpened(ModeKind.AUCTION), T0)
                .offer(BID, 1, 1, 9_000_000, at(5))
                .offer(BID, 2, 2, 9_000_000, at(6))
                .eventTime(at(32));

        assertThat(market.counter("fabric.auction.reputation.skipped")).isEqualTo(1.0);
        assertThat(market.decisions().get(0).getWinnerOperatorId()).isEqualTo(operator(2));
    }

    @Test
    void shouldIgnoreItsOwnOutputsWhenTheyComeBack() {
        market.bid(BID, BidExpired.newBuilder().setDeadline(at(600)).setOffersSeen(0).setReason("x").build(), at(600));
        market.offer(BID, 1, 1, 9_000_000, at(5));
        OfferEvent ownRejection = EventSamples.offerEvent(BID, offerRef(9), OfferRejected.newBuilder().setOperatorId(operator(9))
                .setRejection(OfferRejection.BID_CLOSED).setDetail("x").build(), null, at(6));
        market.driver.createInputTopic(dev.fabric.topics.Topics.OFFERS.name(), new org.apache.kafka.common.serialization.StringSerializer(),
                dev.fabric.topics.Topics.OFFERS.valueSerde().serializer()).pipeInput(BID, ownRejection, at(6));

        assertThat(market.deadLetters()).isEmpty();
        assertThat(market.bidEvents()).isEmpty();
        assertThat(market.offerEvents()).isEmpty();
    }

    // ---- retention

    @Test
    void shouldForgetAClosedAuctionAfterItsRetention() {
        // On RocksDB: forgetting relies on prefix and range scans over the stores' byte order.
        try (AuctionDriver shortMemory = new AuctionDriver(AuctionSettings.defaults().withClosedRetention(Duration.ofMinutes(1)),
                AuctionStores.Backing.ROCKSDB)) {
            shortMemory.open(BID, bidOpened(ModeKind.AUCTION), T0).offer(BID, 1, 1, 9_000_000, at(5)).eventTime(at(32));
            assertThat(shortMemory.decisions()).hasSize(1);
            assertThat(shortMemory.<Object>store(AuctionStores.BIDS).get(BID)).isNotNull();

            shortMemory.eventTime(at(92));

            assertThat(shortMemory.<Object>store(AuctionStores.BIDS).get(BID)).isNull();
            assertThat(shortMemory.<Object>store(AuctionStores.OFFERS).approximateNumEntries()).isZero();
            assertThat(shortMemory.operatorIndex().size()).isZero();
        }
    }

    @Test
    void shouldCountOpenAuctions() {
        market.open(BID, bidOpened(ModeKind.AUCTION), T0).open(bidRef(2), bidOpened(ModeKind.RACE), T0);
        assertThat(market.registry.get("fabric.auction.open").gauge().value()).isEqualTo(2.0);

        market.eventTime(at(32));

        assertThat(market.registry.get("fabric.auction.open").gauge().value()).isEqualTo(1.0);
    }
}
