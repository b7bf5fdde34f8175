package dev.fabric.settlement.domain;

import java.util.Objects;
import java.util.Optional;

/** Everything that can move a bid's settlement. */
public sealed interface SettlementInput {

    /** A decision from {@code fabric.awards}. */
    record Decided(Decision decision) implements SettlementInput {
        public Decided {
            Objects.requireNonNull(decision, "decision");
        }
    }

    /** A confirmed fact from the head. */
    record Observed(ChainFact fact) implements SettlementInput {
        public Observed {
            Objects.requireNonNull(fact, "fact");
        }
    }

    /** A deployment event from {@code fabric.deployments}. */
    record Deployed(DeploymentSignal signal) implements SettlementInput {
        public Deployed {
            Objects.requireNonNull(signal, "signal");
        }
    }

    /** Time passed (the bid's wake-up time came). */
    record Tick() implements SettlementInput {
    }

    /** The head's answer to a submission ({@link Command.SubmitAward}, {@link Command.SubmitRefund}, {@link Command.Resubmit}). */
    record Answered(TxPurpose purpose, HeadAnswer answer) implements SettlementInput {
        public Answered {
            Objects.requireNonNull(purpose, "purpose");
            Objects.requireNonNull(answer, "answer");
        }
    }

    /** The result of {@link Command.Inspect}; empty when the head could not be asked. */
    record Inspected(TxPurpose purpose, PreparedTx tx, Optional<HeadCheck> check, String detail) implements SettlementInput {
        public Inspected {
            Objects.requireNonNull(purpose, "purpose");
            Objects.requireNonNull(tx, "tx");
            check = check == null ? Optional.empty() : check;
            detail = detail == null ? "" : detail;
        }
    }
}
