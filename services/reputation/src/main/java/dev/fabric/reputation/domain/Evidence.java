package dev.fabric.reputation.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * A fact that moves an operator's score, with the event that proves it and the reason in words:
 * what the score's explanation lists.
 *
 * <p>{@link Withdrawn} exists because the bid-side verdict is a function of the facts seen so far:
 * when a late fact changes it (a Running reported before the deadline arrives after the miss was
 * declared on the wall clock), the earlier verdict is withdrawn rather than left standing, so the
 * final evidence does not depend on the order in which the inputs arrived.
 */
public sealed interface Evidence {

    /** Id of the event that moved the score (an input's eventId, or a derived deterministic id). */
    String eventId();

    String operatorId();

    /** Event time the weight decays from. */
    Instant at();

    String reason();

    /** The operator delivered: workload running on time, lease completed and claimed. */
    record Success(String eventId, String operatorId, Instant at, String bidRef, String reason) implements Evidence {
        public Success {
            requireIds(eventId, operatorId, at, reason);
        }
    }

    /** The operator did not deliver: deployment failed, deadline missed, lease refunded. */
    record Failure(String eventId, String operatorId, Instant at, String bidRef, String reason) implements Evidence {
        public Failure {
            requireIds(eventId, operatorId, at, reason);
        }
    }

    /** A verified auditor attestation: prior weight, and claims for the explanation. */
    record Attested(String eventId, String operatorId, Instant at, AttestationRecord attestation, String reason)
            implements Evidence {
        public Attested {
            requireIds(eventId, operatorId, at, reason);
            Objects.requireNonNull(attestation, "attestation");
        }
    }

    /**
     * Takes back an earlier {@link Success} or {@link Failure}; {@link #at()} is the withdrawn
     * evidence's event time, so the same weight comes off.
     */
    record Withdrawn(String eventId, String operatorId, Instant at, String bidRef, String withdrawnEventId,
                     Outcome withdrawnOutcome, String reason) implements Evidence {
        public Withdrawn {
            requireIds(eventId, operatorId, at, reason);
            Objects.requireNonNull(withdrawnEventId, "withdrawnEventId");
            Objects.requireNonNull(withdrawnOutcome, "withdrawnOutcome");
        }
    }

    /** Which side of the Beta a piece of evidence weighs on. */
    enum Outcome { SUCCESS, FAILURE }

    private static void requireIds(String eventId, String operatorId, Instant at, String reason) {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(operatorId, "operatorId");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(reason, "reason");
    }
}
