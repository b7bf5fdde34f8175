package dev.fabric.reputation.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * What the bid-scoped topics tell the reputation service about one bid, reduced to what scoring
 * needs. Events with no bearing on scores (Provisioning, Terminated, AwardSubmitted,
 * SettlementFailed) have no fact.
 */
public sealed interface BidFact {

    String eventId();

    String bidRef();

    /** Event time (the event's occurredAt). */
    Instant at();

    /** The auction picked {@code operatorId}, who must be running by {@code deployDeadline}. */
    record Awarded(String eventId, String bidRef, Instant at, String operatorId, Instant deployDeadline) implements BidFact {
        public Awarded {
            requireCommon(eventId, bidRef, at);
            Objects.requireNonNull(operatorId, "operatorId");
            Objects.requireNonNull(deployDeadline, "deployDeadline");
        }
    }

    /** A lease was confirmed on the head for {@code operatorId} (names the operator in race mode too). */
    record LeaseOpened(String eventId, String bidRef, Instant at, String operatorId) implements BidFact {
        public LeaseOpened {
            requireCommon(eventId, bidRef, at);
            Objects.requireNonNull(operatorId, "operatorId");
        }
    }

    /** The operator reports the workload ready. */
    record DeploymentRunning(String eventId, String bidRef, Instant at, String operatorId) implements BidFact {
        public DeploymentRunning {
            requireCommon(eventId, bidRef, at);
            Objects.requireNonNull(operatorId, "operatorId");
        }
    }

    /** The operator reports the workload failed (to provision, or later at run time). */
    record DeploymentFailed(String eventId, String bidRef, Instant at, String operatorId, String reason) implements BidFact {
        public DeploymentFailed {
            requireCommon(eventId, bidRef, at);
            Objects.requireNonNull(operatorId, "operatorId");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** The operator claimed the lease payment; {@code early} claims were co-signed before the lease end. */
    record LeaseClaimed(String eventId, String bidRef, Instant at, String operatorId, boolean early) implements BidFact {
        public LeaseClaimed {
            requireCommon(eventId, bidRef, at);
            Objects.requireNonNull(operatorId, "operatorId");
        }
    }

    /** The lease payment went back to the application. */
    record LeaseRefunded(String eventId, String bidRef, Instant at, String reason) implements BidFact {
        public LeaseRefunded {
            requireCommon(eventId, bidRef, at);
            Objects.requireNonNull(reason, "reason");
        }
    }

    private static void requireCommon(String eventId, String bidRef, Instant at) {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(bidRef, "bidRef");
        Objects.requireNonNull(at, "at");
    }
}
