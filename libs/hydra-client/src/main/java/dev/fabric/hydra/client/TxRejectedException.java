package dev.fabric.hydra.client;

/** The node refused a submitted transaction; it will not be confirmed. */
public class TxRejectedException extends RuntimeException {

    public enum Reason {
        /** {@code TxInvalid} (ledger rules) or 400 from {@code POST /transaction}. */
        INVALID,
        /** The node is catching up with L1 ({@code RejectedInputBecauseUnsynced}, 503). */
        UNSYNCED,
        /** {@code CommandFailed}: e.g. the head is not open. */
        COMMAND_FAILED
    }

    private final String txId;
    private final Reason reason;
    private final String detail;

    public TxRejectedException(String txId, Reason reason, String detail) {
        super("transaction " + txId + " rejected (" + reason + "): " + detail);
        this.txId = txId;
        this.reason = reason;
        this.detail = detail;
    }

    public String txId() {
        return txId;
    }

    public Reason reason() {
        return reason;
    }

    /** The ledger's validation error or the node's message. */
    public String detail() {
        return detail;
    }
}
