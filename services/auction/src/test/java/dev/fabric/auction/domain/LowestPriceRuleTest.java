package dev.fabric.auction.domain;

import static dev.fabric.auction.domain.Market.at;
import static dev.fabric.auction.domain.Market.auctionBid;
import static dev.fabric.auction.domain.Market.offer;
import static dev.fabric.auction.domain.Market.op;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LowestPriceRuleTest {

    private final LowestPriceRule rule = LowestPriceRule.INSTANCE;

    @Test
    void shouldCheckAtTheWindowCloseWhateverTheOffers() {
        Bid bid = auctionBid();
        assertThat(rule.checkAt(bid, List.of())).isEqualTo(at(30));
        assertThat(rule.checkAtWith(bid, at(30), offer(1, 9_000_000, 3))).isEqualTo(at(30));
    }

    @Test
    void shouldCloseTheWindowAtTheDeadlineWhenTheDeadlineComesFirst() {
        Bid bid = Market.withDeadline(auctionBid(), at(10));
        assertThat(rule.checkAt(bid, List.of())).isEqualTo(at(10));
    }

    @Test
    void shouldAwardTheLowestEligiblePriceAtTheClose() {
        Bid bid = auctionBid();
        Verdict verdict = rule.decide(bid, List.of(offer(1, 12_000_000, 1), offer(2, 9_000_000, 2), offer(3, 1_000_000, 3)), ScoreBook.NONE);
        assertThat(verdict).isInstanceOf(Verdict.Award.class);
        Verdict.Award award = (Verdict.Award) verdict;
        assertThat(award.winner().operatorId()).isEqualTo(op(2));
        assertThat(award.decidedAt()).isEqualTo(at(30));
        assertThat(award.windowClosedAt()).isEqualTo(at(30));
        assertThat(award.rule()).isEqualTo("LowestPriceRule");
        assertThat(award.causationId()).isEqualTo(bid.eventId());
        assertThat(award.ranking()).extracting(Ranked::outcome)
                .containsExactly(Outcome.WON, Outcome.OUTBID, Outcome.PRICE_OUT_OF_RANGE);
    }

    @Test
    void shouldNotLetALateLowOfferWin() {
        Verdict verdict = rule.decide(auctionBid(), List.of(offer(1, 12_000_000, 1), offer(2, 6_000_000, 30)), ScoreBook.NONE);
        Verdict.Award award = (Verdict.Award) verdict;
        assertThat(award.winner().operatorId()).isEqualTo(op(1));
        assertThat(award.ranking().get(1).outcome()).isEqualTo(Outcome.LATE);
    }

    @Test
    void shouldExpireAtTheCloseWhenNoOfferIsEligible() {
        Verdict verdict = rule.decide(auctionBid(), List.of(offer(1, 99_000_000, 1), offer(2, 6_000_000, 31)), ScoreBook.NONE);
        assertThat(verdict).isInstanceOf(Verdict.Expiry.class);
        Verdict.Expiry expiry = (Verdict.Expiry) verdict;
        assertThat(expiry.at()).isEqualTo(at(30));
        assertThat(expiry.reason()).isEqualTo("no eligible offer in the auction window (2 offers: 1 LATE, 1 PRICE_OUT_OF_RANGE)");
        assertThat(expiry.ranking()).hasSize(2);
    }

    @Test
    void shouldExpireAnEmptyAuction() {
        Verdict verdict = rule.decide(auctionBid(), List.of(), ScoreBook.NONE);
        assertThat(((Verdict.Expiry) verdict).reason()).isEqualTo("no eligible offer in the auction window (no offers)");
    }
}
