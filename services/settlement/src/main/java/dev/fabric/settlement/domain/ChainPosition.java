package dev.fabric.settlement.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * Where on the head a fact was confirmed: the transaction, the snapshot that confirmed it and the
 * node's {@code seq} of that {@code SnapshotConfirmed}.
 *
 * @param occurredAt  the snapshot's timestamp
 * @param causationId event id of the {@code L2Transaction} record the fact was read from
 */
public record ChainPosition(String headId, String txId, long snapshotNumber, long seq, Instant occurredAt,
                            String causationId) {

    public ChainPosition {
        Objects.requireNonNull(headId, "headId");
        Objects.requireNonNull(txId, "txId");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(causationId, "causationId");
    }
}
