package dev.fabric.settlement.domain;

import java.util.Objects;
import java.util.Optional;

/** What happened when settlement asked the head to take one of its transactions. */
public sealed interface HeadAnswer {

    /** Valid on the node (HTTP 202, or 200 if already in a snapshot). Not final yet. */
    record Accepted(PreparedTx tx) implements HeadAnswer {
        public Accepted {
            Objects.requireNonNull(tx, "tx");
        }
    }

    /**
     * The transaction cannot succeed: the ledger rejected it for a reason other than spent inputs,
     * a script rejected it locally, or the decision does not match what is on the head. Retrying
     * the same bytes would fail the same way.
     */
    record Refused(Optional<PreparedTx> tx, String reason) implements HeadAnswer {
        public Refused {
            tx = tx == null ? Optional.empty() : tx;
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** {@code BadInputsUTxO}, judged against the head's confirmed UTxO. */
    record Conflicted(PreparedTx tx, HeadCheck check) implements HeadAnswer {
        public Conflicted {
            Objects.requireNonNull(tx, "tx");
            Objects.requireNonNull(check, "check");
        }
    }

    /**
     * The output to build from (the bid for an Award, the lease for a Refund) is not in the
     * confirmed UTxO: it may have been settled already (by us before a crash, or by someone else).
     */
    record InputMissing(String ref, String what) implements HeadAnswer {
        public InputMissing {
            Objects.requireNonNull(ref, "ref");
            Objects.requireNonNull(what, "what");
        }
    }

    /** The head could not be reached or asked us to come back (I/O, 5xx, 503 unsynced, wallet not ready). */
    record Unavailable(Optional<PreparedTx> tx, String reason) implements HeadAnswer {
        public Unavailable {
            tx = tx == null ? Optional.empty() : tx;
            Objects.requireNonNull(reason, "reason");
        }
    }
}
