package dev.fabric.hydra.client;

import dev.fabric.hydra.api.ClientMessage;
import dev.fabric.hydra.api.Greetings;
import dev.fabric.hydra.api.InvalidInput;
import dev.fabric.hydra.api.MalformedFrame;
import dev.fabric.hydra.api.TimedServerOutput;
import dev.fabric.hydra.api.UnknownMessage;

/**
 * Receives what a {@link HeadConnection} reads, in the order the node sent it, on the connection's
 * reader thread: a slow listener slows reading (back-pressure) but never reorders. Exceptions are
 * caught, counted and logged; they do not break the connection. Every method has a no-op default.
 */
public interface HeadListener {

    /**
     * The node greeted this connection. With {@code history=yes} this follows the replay, so it marks
     * the end of history; it also follows every reconnect.
     */
    default void onConnected(Greetings greetings) {
    }

    /**
     * A persisted output, exactly once per {@code seq} across reconnects and replays, in increasing
     * {@code seq} order (with gaps: the node numbers internal events too).
     */
    default void onOutput(TimedServerOutput output) {
    }

    /** A broadcast reaction to some client's input ({@code CommandFailed}, {@code PostTxOnChainFailed}, ...). */
    default void onClientMessage(ClientMessage message) {
    }

    /** The node could not parse an input this connection sent. */
    default void onInvalidInput(InvalidInput invalidInput) {
    }

    /** A message without {@code seq} this client does not know; kept as raw JSON. */
    default void onUnknownMessage(UnknownMessage message) {
    }

    /** A frame that was not a hydra-node message; it was skipped. */
    default void onMalformedFrame(MalformedFrame frame) {
    }

    /**
     * After a reconnect with history, the node's newest {@code seq} is below the last one delivered:
     * its state was wiped (a new deployment). Outputs up to {@code lastDeliveredSeq} keep being dropped
     * as duplicates; reconcile from {@code GET /snapshot} and decide whether to reset the cursor.
     */
    default void onSeqRegression(long lastDeliveredSeq, long nodeHighestSeq) {
    }

    default void onDisconnected(DisconnectReason reason) {
    }
}
