package dev.fabric.plutus.tx;

import dev.fabric.plutus.eval.EvaluationResult;

/** A transaction the validators reject: it would fail phase-2 validation on the head. */
public final class ScriptRejectedException extends RuntimeException {

    private final transient EvaluationResult.Failure failure;

    public ScriptRejectedException(EvaluationResult.Failure failure) {
        super("scripts reject the transaction: " + failure.describe());
        this.failure = failure;
    }

    public EvaluationResult.Failure failure() {
        return failure;
    }
}
