package dev.fabric.hydra.client;

import java.time.Instant;

/**
 * The transaction is in a {@code SnapshotConfirmed}: multi-signed by every party, final.
 *
 * @param seq       of the {@code SnapshotConfirmed} output
 * @param timestamp when the node recorded the confirmation (event time for downstream windows)
 */
public record TxConfirmed(String txId, String headId, long snapshotNumber, long snapshotVersion, long seq, Instant timestamp) {
}
