package dev.fabric.ingest.adapter.kafka;

import java.util.List;

/**
 * Everything one head output (usually a snapshot) makes ingest write, handed from the connection's
 * reader to the head's writer. A transaction always holds whole {@code HeadWork}s, never part of one.
 *
 * @param seq            the output's {@code seq}, which the cursor advances to; -1 for input without a
 *                       {@code seq} (a malformed frame), which leaves the cursor where it is
 * @param snapshotNumber the snapshot it confirms, or -1
 * @param resetCursor    the node's history was wiped: the cursor goes back to {@code seq} even if lower
 * @param transactions   confirmed transactions it carries (for the tx/s metric)
 */
public record HeadWork(long seq, String headId, long snapshotNumber, List<PendingRecord> records, boolean resetCursor,
                       int transactions) {

    public HeadWork {
        records = List.copyOf(records);
    }

    public static HeadWork of(long seq, String headId, long snapshotNumber, List<PendingRecord> records, int transactions) {
        return new HeadWork(seq, headId, snapshotNumber, records, false, transactions);
    }
}
