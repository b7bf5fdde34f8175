package dev.fabric.reputation.domain;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Everything the reputation service keeps about one bid: the facts that decide its verdicts (the
 * earliest of each kind, so arrival order does not matter) and the evidence already sent for it.
 * Nullable components mean "not seen yet".
 *
 * @param firstSeenAt     event time of the first fact; the state is purged a retention after it
 * @param deadlinePassed  time (stream or wall clock) went past the deploy deadline plus grace
 * @param emitted         Success/Failure evidence sent for this bid and not withdrawn
 */
public record BidState(String bidRef, Instant firstSeenAt, Award award, String leaseOperatorId, Observation running,
                       Observation failed, Observation claim, Observation refund, boolean deadlinePassed,
                       List<Emitted> emitted) {

    /** Earlier first; equal times broken by eventId so that the earliest is the same in any arrival order. */
    static final Comparator<Observation> EARLIEST =
            Comparator.comparing(Observation::at).thenComparing(Observation::eventId);

    public BidState {
        Objects.requireNonNull(bidRef, "bidRef");
        Objects.requireNonNull(firstSeenAt, "firstSeenAt");
        emitted = List.copyOf(emitted);
    }

    public static BidState first(String bidRef, Instant at) {
        return new BidState(bidRef, at, null, null, null, null, null, null, false, List.of());
    }

    /** The award as scoring needs it. */
    public record Award(String eventId, String operatorId, Instant deployDeadline) {
    }

    /** One observed fact: which event, when, by whom, and the reason it gave (if any). */
    public record Observation(String eventId, Instant at, String operatorId, String reason) {
    }

    /** Evidence already sent downstream for this bid. */
    public record Emitted(String eventId, String operatorId, Evidence.Outcome outcome, Instant at, String reason) {
    }

    /**
     * Who answers for this bid: the award's winner, else the lease's operator, else whoever claimed
     * or reported a deployment. Null while nobody is known.
     */
    public String operatorId() {
        if (award != null) {
            return award.operatorId();
        }
        if (leaseOperatorId != null) {
            return leaseOperatorId;
        }
        for (Observation o : new Observation[] {claim, running, failed}) {
            if (o != null && o.operatorId() != null) {
                return o.operatorId();
            }
        }
        return null;
    }

    /** The operator whom the award or the lease binds, if either is known (facts from others are rejected). */
    String boundOperatorId() {
        return award != null ? award.operatorId() : leaseOperatorId;
    }

    BidState withAward(Award next) {
        return new BidState(bidRef, firstSeenAt, next, leaseOperatorId, running, failed, claim, refund, deadlinePassed, emitted);
    }

    BidState withLeaseOperator(String next) {
        return new BidState(bidRef, firstSeenAt, award, next, running, failed, claim, refund, deadlinePassed, emitted);
    }

    BidState withRunning(Observation next) {
        return new BidState(bidRef, firstSeenAt, award, leaseOperatorId, next, failed, claim, refund, deadlinePassed, emitted);
    }

    BidState withFailed(Observation next) {
        return new BidState(bidRef, firstSeenAt, award, leaseOperatorId, running, next, claim, refund, deadlinePassed, emitted);
    }

    BidState withClaim(Observation next) {
        return new BidState(bidRef, firstSeenAt, award, leaseOperatorId, running, failed, next, refund, deadlinePassed, emitted);
    }

    BidState withRefund(Observation next) {
        return new BidState(bidRef, firstSeenAt, award, leaseOperatorId, running, failed, claim, next, deadlinePassed, emitted);
    }

    BidState withDeadlinePassed() {
        return new BidState(bidRef, firstSeenAt, award, leaseOperatorId, running, failed, claim, refund, true, emitted);
    }

    BidState withEmitted(List<Emitted> next) {
        return new BidState(bidRef, firstSeenAt, award, leaseOperatorId, running, failed, claim, refund, deadlinePassed, next);
    }

    static Observation earliest(Observation current, Observation candidate) {
        if (current == null || EARLIEST.compare(candidate, current) < 0) {
            return candidate;
        }
        return current;
    }
}
