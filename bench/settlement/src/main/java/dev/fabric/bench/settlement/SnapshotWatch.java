package dev.fabric.bench.settlement;

import dev.fabric.hydra.api.ServerOutput;
import dev.fabric.hydra.api.TimedServerOutput;
import dev.fabric.hydra.api.Transaction;
import dev.fabric.hydra.client.HeadConnection;
import dev.fabric.hydra.client.HeadConnectionConfig;
import dev.fabric.hydra.client.HeadListener;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * When each transaction was seen confirmed, as a client of the head sees it: the receipt time of
 * the {@code SnapshotConfirmed} that carries it, on its own WebSocket. Gives the award→confirmed
 * latency per Award (the bench's UTxO polling only tells when the last one was confirmed).
 */
final class SnapshotWatch implements HeadListener, AutoCloseable {

    private final Map<String, Long> confirmedAt = new ConcurrentHashMap<>();
    private final HeadConnection connection;

    private SnapshotWatch(URI webSocket) {
        connection = new HeadConnection(HeadConnectionConfig.builder(webSocket).history(false).snapshotUtxo(false).build());
        connection.addListener(this);
    }

    static SnapshotWatch attach(URI webSocket) throws Exception {
        SnapshotWatch watch = new SnapshotWatch(webSocket);
        watch.connection.start().get(30, TimeUnit.SECONDS);
        return watch;
    }

    @Override
    public void onOutput(TimedServerOutput output) {
        if (output.output() instanceof ServerOutput.SnapshotConfirmed confirmed) {
            long now = System.nanoTime();
            for (Transaction tx : confirmed.snapshot().confirmed()) {
                if (tx.txId() != null) {
                    confirmedAt.putIfAbsent(tx.txId(), now);
                }
            }
        }
    }

    /**
     * Submission ({@code System.nanoTime()} before the Award was built) → confirmation, in microseconds,
     * for every transaction of {@code submittedAt}; waits up to {@code grace} for the last frames.
     */
    Histogram since(Map<String, Long> submittedAt, Duration grace) throws InterruptedException {
        long deadline = System.nanoTime() + grace.toNanos();
        while (!confirmedAt.keySet().containsAll(submittedAt.keySet()) && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(20);
        }
        Histogram micros = new Histogram(3);
        submittedAt.forEach((txId, at) -> {
            Long confirmed = confirmedAt.get(txId);
            if (confirmed != null) {
                micros.recordValue(Math.max(0, TimeUnit.NANOSECONDS.toMicros(confirmed - at)));
            }
        });
        return micros;
    }

    @Override
    public void close() {
        connection.close();
    }
}
