package dev.fabric.auction.domain;

import static dev.fabric.auction.domain.Market.at;
import static dev.fabric.auction.domain.Market.auctionBid;
import static dev.fabric.auction.domain.Market.offer;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EligibilityTest {

    private static final Instant CLOSE = at(30);

    private static Optional<Outcome> outcome(Bid bid, Offer offer) {
        return Eligibility.inWindow(bid, offer, CLOSE).map(Eligibility.Loss::outcome);
    }

    @Test
    void shouldAcceptAnOfferMeetingEveryCondition() {
        assertThat(outcome(auctionBid(), offer(1, 9_000_000, 5))).isEmpty();
    }

    @Test
    void shouldCallAnOfferConfirmedAtTheCloseLate() {
        assertThat(outcome(auctionBid(), offer(1, 9_000_000, 30))).contains(Outcome.LATE);
        assertThat(outcome(auctionBid(), Market.offer(1, Market.op(1), 9_000_000, Market.atMillis(29_999)))).isEmpty();
    }

    @Test
    void shouldCallAnOfferWithdrawnBeforeOrAtTheCloseWithdrawn() {
        assertThat(outcome(auctionBid(), offer(1, 9_000_000, 5).withdrawn(at(30)))).contains(Outcome.WITHDRAWN);
        assertThat(outcome(auctionBid(), offer(1, 9_000_000, 5).withdrawn(at(31)))).isEmpty();
    }

    @Test
    void shouldCallAnOfferExpiringAtTheCloseExpired() {
        assertThat(outcome(auctionBid(), Market.withExpiry(offer(1, 9_000_000, 5), CLOSE))).contains(Outcome.EXPIRED);
        assertThat(outcome(auctionBid(), Market.withExpiry(offer(1, 9_000_000, 5), CLOSE.plusMillis(1)))).isEmpty();
    }

    @Test
    void shouldRefuseOperatorsOutsideTheAllowedList() {
        Bid bid = Market.withAllowed(auctionBid(), List.of(Market.op(2)));
        assertThat(outcome(bid, offer(1, 9_000_000, 5))).contains(Outcome.NOT_ALLOWED);
        assertThat(outcome(bid, offer(2, 9_000_000, 5))).isEmpty();
    }

    @Test
    void shouldAcceptPricesAtBothEndsOfTheRangeOnly() {
        assertThat(outcome(auctionBid(), offer(1, 5_000_000, 5))).isEmpty();
        assertThat(outcome(auctionBid(), offer(1, 20_000_000, 5))).isEmpty();
        assertThat(outcome(auctionBid(), offer(1, 4_999_999, 5))).contains(Outcome.PRICE_OUT_OF_RANGE);
        assertThat(outcome(auctionBid(), offer(1, 20_000_001, 5))).contains(Outcome.PRICE_OUT_OF_RANGE);
    }

    @Test
    void shouldCallAnOfferBelowTheRequestShortOfResources() {
        Optional<Eligibility.Loss> loss = Eligibility.inWindow(auctionBid(),
                Market.withCapacity(offer(1, 9_000_000, 5), new Capacity(1000, 8192, 50, 0)), CLOSE);
        assertThat(loss).contains(new Eligibility.Loss(Outcome.RESOURCES_SHORT, "cpuMillis 1000 < 2000"));
    }

    @Test
    void shouldExplainTheFirstFailingConditionInAFixedOrder() {
        Offer lateAndPricey = Market.withCapacity(offer(1, 99_000_000, 40), new Capacity(1, 1, 0, 0));
        assertThat(outcome(auctionBid(), lateAndPricey)).contains(Outcome.LATE);
        Offer priceyAndSmall = Market.withCapacity(offer(1, 99_000_000, 5), new Capacity(1, 1, 0, 0));
        assertThat(outcome(auctionBid(), priceyAndSmall)).contains(Outcome.PRICE_OUT_OF_RANGE);
    }
}
