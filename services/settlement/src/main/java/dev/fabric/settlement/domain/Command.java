package dev.fabric.settlement.domain;

import java.util.Objects;

/** Work the state machine asks of the head; each command comes back as an input with its answer. */
public sealed interface Command {

    TxPurpose purpose();

    /** Build the Award from the head's UTxO, sign it as the arbiter, evaluate its scripts, submit it. */
    record SubmitAward(Decision decision) implements Command {
        public SubmitAward {
            Objects.requireNonNull(decision, "decision");
        }

        @Override
        public TxPurpose purpose() {
            return TxPurpose.AWARD;
        }
    }

    /** Build the Refund of the lease, sign it as the arbiter, evaluate, submit. */
    record SubmitRefund(LeaseTerms lease) implements Command {
        public SubmitRefund {
            Objects.requireNonNull(lease, "lease");
        }

        @Override
        public TxPurpose purpose() {
            return TxPurpose.REFUND;
        }
    }

    /** Submit the very same bytes again. */
    record Resubmit(TxPurpose purpose, PreparedTx tx) implements Command {
        public Resubmit {
            Objects.requireNonNull(purpose, "purpose");
            Objects.requireNonNull(tx, "tx");
        }
    }

    /** Look the transaction up in the head's confirmed UTxO. */
    record Inspect(TxPurpose purpose, PreparedTx tx) implements Command {
        public Inspect {
            Objects.requireNonNull(purpose, "purpose");
            Objects.requireNonNull(tx, "tx");
        }
    }
}
