package dev.fabric.auction.domain;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Where one bid's auction stands. Every state names the event-time instant at which it must be looked
 * at again ({@link #dueAt()}): the orphan grace of offers waiting for their bid, the rule's check of an
 * open bid, or the end of a closed bid's retention.
 */
public sealed interface AuctionState {

    String bidRef();

    Instant dueAt();

    /** Offers arrived for a bid not seen opened (yet); they wait until {@code dueAt}. */
    record AwaitingBid(String bidRef, Instant firstHeldAt, Instant dueAt) implements AuctionState {
        public AwaitingBid {
            Objects.requireNonNull(bidRef, "bidRef");
            Objects.requireNonNull(firstHeldAt, "firstHeldAt");
            Objects.requireNonNull(dueAt, "dueAt");
        }
    }

    /** Collecting offers; the rule examines the bid at {@code dueAt}. */
    record Open(Bid bid, Instant dueAt) implements AuctionState {
        public Open {
            Objects.requireNonNull(bid, "bid");
            Objects.requireNonNull(dueAt, "dueAt");
        }

        @Override
        public String bidRef() {
            return bid.bidRef();
        }
    }

    /**
     * Decided, expired, cancelled or spent. Kept until {@code dueAt} so that late offers are refused
     * as BID_CLOSED and the outcome stays queryable.
     */
    record Closed(Bid bid, Termination termination, Instant closedAt, String reason, List<Ranked> ranking, Instant dueAt)
            implements AuctionState {
        public Closed {
            Objects.requireNonNull(bid, "bid");
            Objects.requireNonNull(termination, "termination");
            Objects.requireNonNull(closedAt, "closedAt");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(dueAt, "dueAt");
            ranking = List.copyOf(ranking);
        }

        @Override
        public String bidRef() {
            return bid.bidRef();
        }
    }
}
