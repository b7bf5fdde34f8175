package dev.fabric.devnet;

import dev.fabric.devnet.head.LatencyDistribution;
import java.time.Duration;

/**
 * Fault switches for tests: each takes effect before the method returns. Also reachable over HTTP as
 * {@code POST /devnet/faults} (see the module README).
 */
public interface DevnetFaults {

    /** Closes every WebSocket connection (clients see a dropped connection and reconnect). */
    void dropConnections();

    /** {@code TxValid} keeps coming but no snapshot is confirmed for {@code duration} (a stuck head). */
    void stallSnapshots(Duration duration);

    /** Stops and restarts the devnet on the same port from its event log: connections drop, {@code seq} continues. */
    void restart();

    /** The next {@code count} transactions get {@code TxInvalid} whatever they are. */
    void rejectNextTransactions(int count);

    /** Each snapshot takes a latency drawn from {@code distribution} to be confirmed. */
    void slowConfirmation(LatencyDistribution distribution);

    /** Back to normal: no stall, no rejections, no added latency. */
    void clear();
}
