package dev.fabric.devnet.ledger;

import dev.fabric.plutus.eval.ScriptEvaluator;
import dev.fabric.plutus.eval.SlotTiming;
import dev.fabric.plutus.params.ProtocolParameters;
import java.util.Objects;

/**
 * The head's ledger configuration: protocol parameters (fees, sizes, cost models), the slot clock
 * shared with the Plutus evaluator, and the evaluator itself.
 */
public record LedgerRules(ProtocolParameters parameters, SlotTiming timing, ScriptEvaluator evaluator) {

    public LedgerRules {
        Objects.requireNonNull(parameters, "parameters");
        Objects.requireNonNull(timing, "timing");
        Objects.requireNonNull(evaluator, "evaluator");
    }

    public static LedgerRules of(ProtocolParameters parameters, SlotTiming timing) {
        return new LedgerRules(parameters, timing, new ScriptEvaluator(parameters, timing));
    }

    /** Hydra's recommended L2 parameters (zero fees) with 1-second slots from {@code systemStartMs}. */
    public static LedgerRules l2Default(long systemStartMs) {
        return of(ProtocolParameters.l2Default(), SlotTiming.devnet(systemStartMs));
    }

    public long maxValueSize() {
        return parameters.json().path("maxValueSize").asLong(Long.MAX_VALUE);
    }
}
