package dev.fabric.auction.domain;

import static dev.fabric.auction.domain.Market.at;
import static dev.fabric.auction.domain.Market.auctionBid;
import static dev.fabric.auction.domain.Market.offer;
import static dev.fabric.auction.domain.Market.op;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class OfferRankingTest {

    private static final Instant CLOSE = at(30);

    private static List<Ranked> rank(List<Offer> offers, ScoreBook scores) {
        Bid bid = auctionBid();
        return OfferRanking.rank(offers, CLOSE, scores, c -> Eligibility.inWindow(bid, c.offer(), CLOSE), "lowest");
    }

    private static List<Outcome> outcomes(List<Ranked> ranking) {
        return ranking.stream().map(Ranked::outcome).toList();
    }

    @Test
    void shouldPickTheLowestPrice() {
        List<Ranked> ranking = rank(List.of(offer(1, 12_000_000, 1), offer(2, 9_000_000, 2), offer(3, 10_000_000, 3)), ScoreBook.NONE);
        assertThat(ranking).extracting(Ranked::operatorId).containsExactly(op(2), op(3), op(1));
        assertThat(ranking).extracting(Ranked::rank).containsExactly(1, 2, 3);
        assertThat(outcomes(ranking)).containsExactly(Outcome.WON, Outcome.OUTBID, Outcome.OUTBID);
        assertThat(ranking.get(1).detail()).isEqualTo("price 10000000 > winning 9000000");
    }

    @Test
    void shouldBreakAPriceTieByHigherReputation() {
        List<Ranked> ranking = rank(List.of(offer(1, 9_000_000, 1), offer(2, 9_000_000, 2)), Market.scores(Map.of(op(1), 5000, op(2), 8000)));
        assertThat(ranking).extracting(Ranked::operatorId).containsExactly(op(2), op(1));
        assertThat(ranking.get(1).outcome()).isEqualTo(Outcome.TIE_LOST_REPUTATION);
        assertThat(ranking.get(1).detail()).isEqualTo("same price, score 5000 bps < winner's 8000 bps");
    }

    @Test
    void shouldRankAnUnscoredOperatorBelowAScoredOneOnATie() {
        List<Ranked> ranking = rank(List.of(offer(1, 9_000_000, 1), offer(2, 9_000_000, 2)), Market.scores(Map.of(op(2), 0)));
        assertThat(ranking).extracting(Ranked::operatorId).containsExactly(op(2), op(1));
        assertThat(ranking.get(1).outcome()).isEqualTo(Outcome.TIE_LOST_REPUTATION);
    }

    @Test
    void shouldBreakAPriceAndReputationTieByEarlierConfirmation() {
        List<Ranked> ranking = rank(List.of(offer(1, 9_000_000, 4), offer(2, 9_000_000, 2)), ScoreBook.NONE);
        assertThat(ranking).extracting(Ranked::operatorId).containsExactly(op(2), op(1));
        assertThat(ranking.get(1).outcome()).isEqualTo(Outcome.TIE_LOST_CONFIRMATION_TIME);
    }

    @Test
    void shouldBreakAFullTieByOperatorId() {
        List<Ranked> ranking = rank(List.of(offer(7, 9_000_000, 2), offer(3, 9_000_000, 2)), ScoreBook.NONE);
        assertThat(ranking).extracting(Ranked::operatorId).containsExactly(op(3), op(7));
        assertThat(ranking.get(1).outcome()).isEqualTo(Outcome.TIE_LOST_OPERATOR_ID);
    }

    @Test
    void shouldBreakATieBetweenOffersOfOneOperatorByOfferRef() {
        Offer second = Market.offer(2, op(1), 9_000_000, at(2));
        Offer first = Market.offer(1, op(1), 9_000_000, at(2));
        List<Ranked> ranking = rank(List.of(second, first), ScoreBook.NONE);
        assertThat(ranking).extracting(Ranked::offerRef).containsExactly(first.offerRef(), second.offerRef());
        assertThat(ranking.get(1).detail()).startsWith("same operator");
    }

    @Test
    void shouldListIneligibleOffersWithRankZeroInConfirmationOrder() {
        List<Ranked> ranking = rank(List.of(offer(1, 99_000_000, 3), offer(2, 9_000_000, 45), offer(3, 9_000_000, 1)), ScoreBook.NONE);
        assertThat(ranking).extracting(Ranked::rank).containsExactly(1, 0, 0);
        assertThat(outcomes(ranking)).containsExactly(Outcome.WON, Outcome.PRICE_OUT_OF_RANGE, Outcome.LATE);
    }

    @Test
    void shouldHaveNoWinnerWhenNothingIsEligible() {
        List<Ranked> ranking = rank(List.of(offer(1, 99_000_000, 3), offer(2, 9_000_000, 45)), ScoreBook.NONE);
        assertThat(OfferRanking.hasWinner(ranking)).isFalse();
        assertThat(OfferRanking.summarise(ranking)).isEqualTo("2 offers: 1 LATE, 1 PRICE_OUT_OF_RANGE");
        assertThat(OfferRanking.summarise(List.of())).isEqualTo("no offers");
    }

    @Test
    void shouldRankTheSameWhateverOrderTheOffersComeIn() {
        List<Offer> offers = new ArrayList<>();
        for (int n = 0; n < 12; n++) {
            offers.add(offer(n, 8_000_000 + (n % 3) * 1_000_000, n % 4 == 0 ? 31 : n % 5));
        }
        ScoreBook scores = Market.scores(Map.of(op(0), 7000, op(3), 7000, op(6), 9000));
        List<Ranked> expected = rank(offers, scores);
        Random random = new Random(42);
        for (int round = 0; round < 50; round++) {
            List<Offer> shuffled = new ArrayList<>(offers);
            Collections.shuffle(shuffled, random);
            assertThat(rank(shuffled, scores)).isEqualTo(expected);
        }
    }
}
