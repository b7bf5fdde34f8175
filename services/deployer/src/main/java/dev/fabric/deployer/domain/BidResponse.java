package dev.fabric.deployer.domain;

import java.time.Instant;
import java.util.Objects;

/** What the operator does about an opened bid. */
public sealed interface BidResponse {

    /** Stay out, for this reason. */
    record Decline(String reason) implements BidResponse {
        public Decline {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * Post an Offer (auction and reputation modes).
     *
     * @param expiry after this instant the offer is void (the bid's deadline)
     */
    record Offer(long price, Capacity offered, Instant expiry, String pricing) implements BidResponse {
    }

    /** Spend the bid with an Accept (race mode): the head decides who was first. */
    record Accept(long price, Capacity accepted, String pricing) implements BidResponse {
    }
}
