package dev.fabric.hydra.api;

import java.time.Instant;
import java.util.Objects;

/**
 * A persisted server output as the WebSocket carries it: the output's JSON object flattened with
 * {@code "seq"} and {@code "timestamp"}.
 *
 * @param seq       the node's persisted event id: strictly increasing, with gaps (internal events use
 *                  numbers too), kept across restarts
 * @param timestamp when the node recorded the event
 */
public record TimedServerOutput(long seq, Instant timestamp, ServerOutput output) implements ServerMessage {

    public TimedServerOutput {
        if (seq < 0) {
            throw new IllegalArgumentException("seq must not be negative: " + seq);
        }
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(output, "output");
    }
}
