package dev.fabric.settlement.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** An event settlement publishes on {@code fabric.settlements} (mapped to the Avro envelope by the topology). */
public sealed interface Publication {

    String bidRef();

    /** Settlement submitted its Award transaction and the head took it. */
    record AwardSubmitted(String bidRef, String txId, String offerRef, String operatorId, long price, String causationId,
                          Instant at) implements Publication {
        public AwardSubmitted {
            Objects.requireNonNull(bidRef, "bidRef");
            Objects.requireNonNull(txId, "txId");
            Objects.requireNonNull(offerRef, "offerRef");
            Objects.requireNonNull(operatorId, "operatorId");
            Objects.requireNonNull(causationId, "causationId");
            Objects.requireNonNull(at, "at");
        }
    }

    /** A Lease output is confirmed on the head. */
    record LeaseConfirmed(LeaseTerms lease, ChainFact.LeaseOrigin origin, ChainPosition at) implements Publication {
        @Override
        public String bidRef() {
            return lease.bidRef();
        }
    }

    /** The operator's claim of the lease is confirmed. */
    record ClaimConfirmed(LeaseTerms lease, long amount, boolean early, ChainPosition at) implements Publication {
        @Override
        public String bidRef() {
            return lease.bidRef();
        }
    }

    /** The refund of the lease to the app is confirmed. */
    record RefundConfirmed(LeaseTerms lease, long amount, String reason, ChainPosition at) implements Publication {
        @Override
        public String bidRef() {
            return lease.bidRef();
        }
    }

    /** A settlement step failed for good. */
    record SettlementFailed(String bidRef, TxPurpose stage, String reason, Optional<String> txId, boolean retriable,
                            String causationId, Instant at) implements Publication {
        public SettlementFailed {
            Objects.requireNonNull(bidRef, "bidRef");
            Objects.requireNonNull(stage, "stage");
            Objects.requireNonNull(reason, "reason");
            txId = txId == null ? Optional.empty() : txId;
            Objects.requireNonNull(causationId, "causationId");
            Objects.requireNonNull(at, "at");
        }
    }
}
