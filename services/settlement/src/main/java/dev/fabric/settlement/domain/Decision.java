package dev.fabric.settlement.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What the auction decided for one bid, as settlement needs it.
 *
 * @param eventId        the decision's own (deterministic) event id: the causation of what follows
 * @param offerRef       the winning Offer UTxO; empty in race mode
 * @param leaseRef       the race accept's Lease output; empty for auction/reputation decisions
 * @param decidedAt      event time of the decision (window close or the accept's confirmation)
 * @param deployDeadline the winner must report the workload running by then
 */
public record Decision(String eventId, String bidRef, AwardMode mode, String operatorId, Optional<String> offerRef,
                       long price, String appPkh, Optional<String> arbiter, Optional<String> leaseRef,
                       Instant decidedAt, Instant deployDeadline, SourcePosition source) {

    public Decision {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(bidRef, "bidRef");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(operatorId, "operatorId");
        Objects.requireNonNull(appPkh, "appPkh");
        Objects.requireNonNull(decidedAt, "decidedAt");
        Objects.requireNonNull(deployDeadline, "deployDeadline");
        Objects.requireNonNull(source, "source");
        offerRef = offerRef == null ? Optional.empty() : offerRef;
        arbiter = arbiter == null ? Optional.empty() : arbiter;
        leaseRef = leaseRef == null ? Optional.empty() : leaseRef;
        if (price <= 0) {
            throw new IllegalArgumentException("price must be positive, got " + price);
        }
        if (mode.needsAwardTransaction() && offerRef.isEmpty()) {
            throw new IllegalArgumentException(mode + " decision without a winning offer");
        }
    }

    /** Whether {@code other} awards the same thing (a re-emitted or replayed decision). */
    public boolean awardsSameAs(Decision other) {
        return mode == other.mode && operatorId.equals(other.operatorId) && offerRef.equals(other.offerRef)
                && price == other.price;
    }

    /** How long the decision gives the winner to get the workload running. */
    public Duration deployWindow() {
        Duration window = Duration.between(decidedAt, deployDeadline);
        return window.isNegative() ? Duration.ZERO : window;
    }
}
