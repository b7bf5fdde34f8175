package dev.fabric.settlement.domain;

import java.util.Objects;

/** Something worth a log line and a counter, which changes nothing by itself. */
public record Notice(Kind kind, String detail) {

    public enum Kind {
        /** The same decision again (a replay or a duplicate record): ignored. */
        DUPLICATE_DECISION,
        /** A chain fact already applied: ignored. */
        DUPLICATE_FACT,
        /** A different decision for a bid already being settled: dead-lettered. */
        CONFLICTING_DECISION,
        /** The head shows the transaction confirmed, but its record has not arrived yet. */
        CONFIRMED_AWAITING_RECORD,
        /** The confirmed lease does not match the decision (operator or price). */
        DECISION_CHAIN_MISMATCH,
        /** Running reported after the refund was started. */
        LATE_RUNNING,
        /** A transient head error; the step will be retried. */
        HEAD_UNAVAILABLE,
        /** The same bytes were handed to the head again. */
        RESUBMITTED
    }

    public Notice {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(detail, "detail");
    }
}
