package dev.fabric.auction.domain;

import static dev.fabric.auction.domain.Market.at;
import static dev.fabric.auction.domain.Market.op;
import static dev.fabric.auction.domain.Market.raceBid;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RaceRuleTest {

    private final RaceRule rule = RaceRule.INSTANCE;

    private static Accept accept(String operator, long price, long seconds) {
        return new Accept("accept-event", operator, price, "1e".repeat(32) + "#0", at(seconds));
    }

    @Test
    void shouldRecordTheHeadsAcceptAsTheWinnerAtItsConfirmation() {
        Verdict.Award award = rule.award(raceBid(), accept(op(1), 9_000_000, 4));
        assertThat(award.rule()).isEqualTo("RaceRule");
        assertThat(award.decidedAt()).isEqualTo(at(4));
        assertThat(award.causationId()).isEqualTo("accept-event");
        assertThat(award.leaseRef()).isEqualTo("1e".repeat(32) + "#0");
        assertThat(award.winner().offerRef()).isNull();
        assertThat(award.winner().price()).isEqualTo(9_000_000);
    }

    @Test
    void shouldFindNothingWrongWithAValidAccept() {
        assertThat(rule.violations(raceBid(), accept(op(1), 9_000_000, 4))).isEmpty();
        assertThat(rule.violations(raceBid(), accept(op(1), 9_000_000, 600))).isEmpty();
    }

    @Test
    void shouldNameEveryBrokenTermOfAnAccept() {
        Bid bid = Market.withAllowed(raceBid(), List.of(op(2)));
        assertThat(rule.violations(bid, accept(op(1), 30_000_000, 601))).containsExactly(
                "accept price 30000000 outside 5000000..20000000",
                "operator " + op(1) + " is not in the bid's allowed operators",
                "accept confirmed at " + at(601) + ", after the deadline " + at(600));
    }

    @Test
    void shouldExpireARaceBidAtItsDeadline() {
        assertThat(rule.checkAt(raceBid(), List.of())).isEqualTo(at(600));
        Verdict verdict = rule.decide(raceBid(), List.of(), ScoreBook.NONE);
        assertThat(verdict).isEqualTo(new Verdict.Expiry(at(600), "no accept confirmed by the deadline " + at(600), List.of()));
    }
}
