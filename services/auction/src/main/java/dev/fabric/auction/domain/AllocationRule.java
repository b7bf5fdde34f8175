package dev.fabric.auction.domain;

import java.time.Instant;
import java.util.Collection;

/**
 * Decides one allocation mode. A rule names the event-time instant at which a bid must be examined
 * and, at that instant, decides it from the bid, its offers and the scores then in force. Both are
 * pure functions of their arguments: the topology only routes state to them.
 */
public interface AllocationRule {

    /** Written into decisions as the deciding rule. */
    String name();

    /** The event time at which the bid can be decided, given the offers received so far. */
    Instant checkAt(Bid bid, Collection<Offer> offers);

    /**
     * {@link #checkAt} after one more offer, from the value before it. Adding an offer can only bring
     * the check forward, so this never needs the other offers.
     */
    Instant checkAtWith(Bid bid, Instant current, Offer added);

    /** The verdict at {@code checkAt(bid, offers)}. */
    Verdict decide(Bid bid, Collection<Offer> offers, ScoreBook scores);
}
