package dev.fabric.auction.domain;

import java.time.Instant;
import java.util.Objects;

/** What a lifecycle step asks the topology to do besides replacing the bid's state. */
public sealed interface Effect {

    /** Keep (insert or replace) this offer with its bid. */
    record StoreOffer(Offer offer) implements Effect {
        public StoreOffer {
            Objects.requireNonNull(offer, "offer");
        }
    }

    /** Publish the decision. */
    record Decide(Bid bid, Verdict.Award award) implements Effect {
        public Decide {
            Objects.requireNonNull(bid, "bid");
            Objects.requireNonNull(award, "award");
        }
    }

    /** Publish that the bid expired. */
    record Expire(Bid bid, Verdict.Expiry expiry, int offersSeen) implements Effect {
        public Expire {
            Objects.requireNonNull(bid, "bid");
            Objects.requireNonNull(expiry, "expiry");
        }
    }

    /** Publish that the offer was refused, and stop keeping it. */
    record Reject(Offer offer, Refusal refusal, String detail, Instant at) implements Effect {
        public Reject {
            Objects.requireNonNull(offer, "offer");
            Objects.requireNonNull(refusal, "refusal");
            Objects.requireNonNull(detail, "detail");
            Objects.requireNonNull(at, "at");
        }
    }

    /** The input being processed breaks an invariant of the market: dead-letter it with this reason. */
    record Report(String reason) implements Effect {
        public Report {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
