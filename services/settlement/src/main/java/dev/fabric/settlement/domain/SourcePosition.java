package dev.fabric.settlement.domain;

import java.util.Objects;

/**
 * Where an input record came from (topic, partition, offset). Kept with a decision so that a
 * failure found later, on a timer, can still point a dead letter at the record that caused it.
 */
public record SourcePosition(String topic, int partition, long offset) {

    public SourcePosition {
        Objects.requireNonNull(topic, "topic");
    }
}
