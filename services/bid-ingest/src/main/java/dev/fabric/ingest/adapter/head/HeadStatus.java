package dev.fabric.ingest.adapter.head;

import java.time.Instant;

/**
 * What one head connection is doing, for readiness and {@code GET /ingest/heads}.
 *
 * @param state       STARTING (waiting for Kafka or the cursor), RUNNING, FENCED (another instance owns this
 *                    node's transactional id), CLOSED
 * @param caughtUp    connected, history replay over, everything replayed committed
 */
public record HeadStatus(String node, String state, boolean connected, boolean caughtUp, long committedSeq,
                         long committedSnapshot, String headId, Instant lastSnapshotAt, int queuedWorks,
                         String problem) {

    public boolean ready() {
        return "RUNNING".equals(state) && caughtUp;
    }
}
