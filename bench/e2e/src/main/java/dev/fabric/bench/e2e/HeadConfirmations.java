package dev.fabric.bench.e2e;

import dev.fabric.hydra.api.ServerOutput;
import dev.fabric.hydra.api.TimedServerOutput;
import dev.fabric.hydra.api.Transaction;
import dev.fabric.hydra.client.HeadListener;
import java.util.HashMap;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * The head's own confirmation time for every transaction of the run: {@code TxValid} (the node took
 * it) → the {@code SnapshotConfirmed} that carries it, both from the node's timestamps, so no client
 * or Kafka delay is in it. It is the one step the protocol adds to every decision (an Accept or an
 * Award must be confirmed before the operator may deploy), the floor of the end-to-end figure.
 */
final class HeadConfirmations implements HeadListener {

    private final Map<String, Long> validAt = new HashMap<>();
    private final Histogram confirmMs = new Histogram(3_600_000L, 3);

    @Override
    public synchronized void onOutput(TimedServerOutput output) {
        if (output.output() instanceof ServerOutput.TxValid valid) {
            validAt.put(valid.transactionId(), output.timestamp().toEpochMilli());
        } else if (output.output() instanceof ServerOutput.SnapshotConfirmed confirmed) {
            long at = output.timestamp().toEpochMilli();
            for (Transaction tx : confirmed.snapshot().confirmed()) {
                Long valid = tx.txId() == null ? null : validAt.remove(tx.txId());
                if (valid != null) {
                    confirmMs.recordValue(Math.max(0, at - valid));
                }
            }
        }
    }

    synchronized Histogram confirmMs() {
        return confirmMs.copy();
    }
}
