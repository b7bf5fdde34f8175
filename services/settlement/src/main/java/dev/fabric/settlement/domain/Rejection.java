package dev.fabric.settlement.domain;

import java.util.Objects;
import java.util.Optional;

/**
 * An input settlement will not act on, for the dead-letter topic. With a {@code source} the dead
 * letter points at the record that caused it (the decision, found failing later on a timer);
 * without one it is the record being processed.
 */
public record Rejection(Optional<SourcePosition> source, String reason) {

    public Rejection {
        source = source == null ? Optional.empty() : source;
        Objects.requireNonNull(reason, "reason");
    }

    public static Rejection ofCurrent(String reason) {
        return new Rejection(Optional.empty(), reason);
    }

    public static Rejection of(SourcePosition source, String reason) {
        return new Rejection(Optional.of(source), reason);
    }
}
