package dev.fabric.devnet.ledger;

/** The submitted bytes are not a Conway transaction; the node answers such input with a decode error. */
public final class MalformedTxException extends Exception {

    public MalformedTxException(String message) {
        super(message);
    }

    public MalformedTxException(String message, Throwable cause) {
        super(message, cause);
    }
}
