package dev.fabric.hydra.api;

/**
 * The answer of {@code POST /transaction} (≥ 1.0.0). The node waits for the first matching event:
 * in practice {@link SubmitTxSubmitted} (202) as soon as the transaction is valid, which is not final.
 */
public sealed interface SubmitTxResult extends Tagged {

    /** 202: valid (or the node's wait timed out); not yet in a snapshot. */
    record SubmitTxSubmitted() implements SubmitTxResult {
    }

    /** 200: already in a confirmed snapshot when the node answered. */
    record SubmitTxConfirmed(long snapshotNumber) implements SubmitTxResult {
    }

    /** 400: the ledger rejected it. */
    record SubmitTxInvalid(String validationError) implements SubmitTxResult {
    }

    /** 503: the node is out of sync with L1. */
    record SubmitTxRejected(String reason) implements SubmitTxResult {
    }
}
