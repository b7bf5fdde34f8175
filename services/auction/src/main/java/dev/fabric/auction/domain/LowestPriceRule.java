package dev.fabric.auction.domain;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * Auction window: the window opens at the bid's confirmation and closes {@code windowMs} later (never
 * after the deadline). At the close, the lowest eligible price wins. Offers confirmed after the close
 * are late by definition, so a window without an eligible offer expires the bid at once.
 */
public final class LowestPriceRule implements AllocationRule {

    public static final LowestPriceRule INSTANCE = new LowestPriceRule();

    private LowestPriceRule() {
    }

    @Override
    public String name() {
        return "LowestPriceRule";
    }

    @Override
    public Instant checkAt(Bid bid, Collection<Offer> offers) {
        return bid.primaryCloseAt();
    }

    @Override
    public Instant checkAtWith(Bid bid, Instant current, Offer added) {
        return current;
    }

    @Override
    public Verdict decide(Bid bid, Collection<Offer> offers, ScoreBook scores) {
        Instant close = bid.primaryCloseAt();
        List<Ranked> ranking = OfferRanking.rank(offers, close, scores, c -> Eligibility.inWindow(bid, c.offer(), close),
                "lowest eligible price in the window");
        if (OfferRanking.hasWinner(ranking)) {
            return new Verdict.Award(name(), close, close, ranking, bid.eventId(), null);
        }
        return new Verdict.Expiry(close, "no eligible offer in the auction window (" + OfferRanking.summarise(ranking) + ")", ranking);
    }
}
