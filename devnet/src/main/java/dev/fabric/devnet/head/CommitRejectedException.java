package dev.fabric.devnet.head;

/** {@code POST /commit} cannot record this deposit; the message is the node's 400 body. */
public final class CommitRejectedException extends Exception {

    public CommitRejectedException(String message) {
        super(message);
    }
}
