package dev.fabric.auction.domain;

import static dev.fabric.auction.domain.Market.at;
import static dev.fabric.auction.domain.Market.offer;
import static dev.fabric.auction.domain.Market.op;
import static dev.fabric.auction.domain.Market.reputationBid;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ReputationPriorityRuleTest {

    private static final Instant PRIORITY_CLOSE = at(20);

    private final ReputationPriorityRule rule = ReputationPriorityRule.INSTANCE;

    /** Operator 1 is reputable (8000 bps), operator 2 is not (4000 bps), operator 3 has no score. */
    private final ScoreBook scores = Market.scores(Map.of(op(1), 8000, op(2), 4000));

    @Test
    void shouldLetAReputableOperatorWinInThePriorityWindowEvenAtAHigherPrice() {
        Verdict.Award award = (Verdict.Award) rule.decide(reputationBid(),
                List.of(offer(1, 12_000_000, 5), offer(2, 7_000_000, 6), offer(3, 6_000_000, 7)), scores);
        assertThat(award.winner().operatorId()).isEqualTo(op(1));
        assertThat(award.decidedAt()).isEqualTo(PRIORITY_CLOSE);
        assertThat(award.ranking()).extracting(Ranked::outcome)
                .containsExactly(Outcome.WON, Outcome.LOW_REPUTATION, Outcome.LOW_REPUTATION);
        assertThat(award.ranking().get(1).detail()).isEqualTo("score 4000 bps, below the 6000 bps the priority window requires");
        assertThat(award.ranking().get(2).detail()).isEqualTo("no score, below the 6000 bps the priority window requires");
    }

    @Test
    void shouldOpenToAllAtThePriorityCloseWhenNoReputableOperatorOffered() {
        Verdict.Award award = (Verdict.Award) rule.decide(reputationBid(), List.of(offer(2, 7_000_000, 6), offer(3, 6_000_000, 7)), scores);
        assertThat(award.winner().operatorId()).isEqualTo(op(3));
        assertThat(award.decidedAt()).isEqualTo(PRIORITY_CLOSE);
        assertThat(award.winner().detail()).contains("opened to all");
        assertThat(award.ranking().get(1).outcome()).isEqualTo(Outcome.OUTBID);
    }

    @Test
    void shouldUseTheScoresInForceAtThePriorityClose() {
        ScoreBook moving = (operator, at) -> at.isAfter(PRIORITY_CLOSE) ? OptionalInt.of(10_000) : OptionalInt.of(1000);
        Verdict.Award award = (Verdict.Award) rule.decide(reputationBid(), List.of(offer(1, 7_000_000, 6)), moving);
        assertThat(award.winner().scoreBps()).isEqualTo(OptionalInt.of(1000));
        assertThat(award.winner().detail()).contains("opened to all");
    }

    @Test
    void shouldAwardTheFirstEligibleOpenPhaseOfferWhenThePriorityWindowHadNone() {
        List<Offer> offers = List.of(offer(1, 99_000_000, 5), offer(2, 99_000_000, 25), offer(3, 9_000_000, 40), offer(4, 6_000_000, 41));
        assertThat(rule.checkAt(reputationBid(), offers)).isEqualTo(at(40));
        Verdict.Award award = (Verdict.Award) rule.decide(reputationBid(), offers, scores);
        assertThat(award.winner().operatorId()).isEqualTo(op(3));
        assertThat(award.decidedAt()).isEqualTo(at(40));
        assertThat(award.windowClosedAt()).isEqualTo(at(40));
        assertThat(award.ranking()).extracting(Ranked::outcome)
                .containsExactly(Outcome.WON, Outcome.PRICE_OUT_OF_RANGE, Outcome.PRICE_OUT_OF_RANGE, Outcome.LATE);
        assertThat(award.ranking().get(3).detail()).isEqualTo("confirmed at " + at(41) + ", after the first eligible open-phase offer at " + at(40));
    }

    @Test
    void shouldExpireAtTheDeadlineWhenNobodyEverOffersEligibly() {
        Bid bid = reputationBid();
        List<Offer> offers = List.of(offer(1, 99_000_000, 5), offer(2, 6_000_000, 700));
        assertThat(rule.checkAt(bid, offers)).isEqualTo(bid.deadline());
        Verdict.Expiry expiry = (Verdict.Expiry) rule.decide(bid, offers, scores);
        assertThat(expiry.at()).isEqualTo(bid.deadline());
        assertThat(expiry.reason()).isEqualTo("no eligible offer by the deadline (2 offers: 1 LATE, 1 PRICE_OUT_OF_RANGE)");
    }

    @Test
    void shouldCheckAtThePriorityCloseOnceAnEligibleOfferArrivedInIt() {
        Bid bid = reputationBid();
        assertThat(rule.checkAt(bid, List.of())).isEqualTo(bid.deadline());
        assertThat(rule.checkAtWith(bid, bid.deadline(), offer(2, 7_000_000, 6))).isEqualTo(PRIORITY_CLOSE);
        assertThat(rule.checkAtWith(bid, bid.deadline(), offer(2, 99_000_000, 6))).isEqualTo(bid.deadline());
        assertThat(rule.checkAtWith(bid, bid.deadline(), offer(2, 7_000_000, 30))).isEqualTo(at(30));
    }

    @Test
    void shouldBringTheCheckForwardIncrementallyExactlyAsAFullRecomputation() {
        Bid bid = reputationBid();
        Random random = new Random(7);
        for (int round = 0; round < 200; round++) {
            List<Offer> offers = new ArrayList<>();
            Instant incremental = rule.checkAt(bid, offers);
            for (int n = 0; n < 6; n++) {
                long price = random.nextBoolean() ? 9_000_000 : 99_000_000;
                Offer offer = offer(n, price, random.nextInt(60));
                offers.add(offer);
                incremental = rule.checkAtWith(bid, incremental, offer);
                assertThat(incremental).isEqualTo(rule.checkAt(bid, offers));
            }
        }
    }
}
