package dev.fabric.plutus.eval;

import java.util.List;

/** Outcome of phase-2 validation of one transaction. */
public sealed interface EvaluationResult {

    boolean succeeded();

    /** Every script passed; the units each redeemer used, in the transaction's redeemer order. */
    record Success(List<RedeemerBudget> budgets) implements EvaluationResult {
        public Success {
            budgets = List.copyOf(budgets);
        }

        @Override
        public boolean succeeded() {
            return true;
        }

        public long totalMemory() {
            return budgets.stream().mapToLong(RedeemerBudget::memory).sum();
        }

        public long totalSteps() {
            return budgets.stream().mapToLong(RedeemerBudget::steps).sum();
        }
    }

    /**
     * A script failed (or the transaction could not be evaluated at all).
     *
     * @param error what the evaluator reported
     * @param traces the script's trace messages; Fabric validators trace the reason they reject
     */
    record Failure(String error, List<String> traces) implements EvaluationResult {
        public Failure {
            traces = List.copyOf(traces);
        }

        @Override
        public boolean succeeded() {
            return false;
        }

        /** Error and traces in one line, for logs and dead letters. */
        public String describe() {
            return traces.isEmpty() ? error : error + " | traces: " + String.join(" / ", traces);
        }
    }
}
