package dev.fabric.ingest.domain.market;

import java.time.Instant;
import java.util.Objects;

/**
 * Where a confirmed transaction sits: which connection read it, in which head and snapshot, at which
 * {@code seq}, and the snapshot's timestamp (the {@code occurredAt} of everything derived from it).
 *
 * @param causationId eventId of the {@code SnapshotConfirmed} head event
 */
public record SnapshotPosition(String nodeId, String headId, long seq, long snapshotNumber, long snapshotVersion,
                               Instant timestamp, String causationId) {

    public SnapshotPosition {
        Objects.requireNonNull(nodeId, "nodeId");
        Objects.requireNonNull(headId, "headId");
        Objects.requireNonNull(timestamp, "timestamp");
    }
}
