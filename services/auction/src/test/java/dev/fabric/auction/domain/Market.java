package dev.fabric.auction.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/** Fixtures for domain tests: a bid and offers relative to {@link #T0}, with readable defaults. */
final class Market {

    static final Instant T0 = Instant.parse("2026-11-28T12:00:00Z");
    static final String BID = "b1".repeat(32) + "#0";
    static final Capacity REQUEST = new Capacity(2000, 4096, 20, 0);
    static final Capacity ROOMY = new Capacity(4000, 8192, 50, 0);

    private Market() {
    }

    static Instant at(long seconds) {
        return T0.plusSeconds(seconds);
    }

    static Instant atMillis(long millis) {
        return T0.plusMillis(millis);
    }

    /** An auction-window bid: window 30 s, deadline 600 s, price range 5..20 ADA. */
    static Bid auctionBid() {
        return bid(new Mode.LowestPrice(Duration.ofSeconds(30)));
    }

    /** A reputation bid: priority window 20 s, minimum 6000 bps, deadline 600 s. */
    static Bid reputationBid() {
        return bid(new Mode.ReputationPriority(6000, Duration.ofSeconds(20)));
    }

    static Bid raceBid() {
        return bid(new Mode.Race());
    }

    static Bid bid(Mode mode) {
        return new Bid(BID, "bid-event", "a1".repeat(28), "ee".repeat(28), REQUEST, 5_000_000L, 20_000_000L, mode, T0, at(600), List.of());
    }

    static Bid withAllowed(Bid bid, List<String> allowed) {
        return new Bid(bid.bidRef(), bid.eventId(), bid.appPkh(), bid.arbiter(), bid.request(), bid.minPrice(), bid.maxPrice(),
                bid.mode(), bid.openedAt(), bid.deadline(), allowed);
    }

    static Bid withDeadline(Bid bid, Instant deadline) {
        return new Bid(bid.bidRef(), bid.eventId(), bid.appPkh(), bid.arbiter(), bid.request(), bid.minPrice(), bid.maxPrice(),
                bid.mode(), bid.openedAt(), deadline, bid.allowedOperators());
    }

    static String op(int n) {
        return String.format("%056x", n);
    }

    static String offerRef(int n) {
        return String.format("%064x", 1000 + n) + "#0";
    }

    /** Offer n from operator n at {@code price}, confirmed {@code seconds} after T0, roomy, expiring at 900 s. */
    static Offer offer(int n, long price, long seconds) {
        return offer(n, op(n), price, at(seconds));
    }

    static Offer offer(int n, String operator, long price, Instant confirmedAt) {
        return new Offer(BID, offerRef(n), "offer-event-" + n, operator, price, ROOMY, at(900), confirmedAt, null);
    }

    static Offer withCapacity(Offer offer, Capacity capacity) {
        return new Offer(offer.bidRef(), offer.offerRef(), offer.eventId(), offer.operatorId(), offer.price(), capacity, offer.expiry(),
                offer.confirmedAt(), offer.withdrawnAt());
    }

    static Offer withExpiry(Offer offer, Instant expiry) {
        return new Offer(offer.bidRef(), offer.offerRef(), offer.eventId(), offer.operatorId(), offer.price(), offer.offered(), expiry,
                offer.confirmedAt(), offer.withdrawnAt());
    }

    /** A score book with constant scores. */
    static ScoreBook scores(Map<String, Integer> scores) {
        return (operator, at) -> scores.containsKey(operator) ? OptionalInt.of(scores.get(operator)) : OptionalInt.empty();
    }
}
