package dev.fabric.devnet.head;

import java.time.Duration;
import java.util.Objects;

/**
 * When the devnet turns locally valid transactions into a confirmed snapshot. Only one snapshot is in
 * flight at a time (as in hydra-node), so with a confirmation latency the policy also batches
 * whatever arrived meanwhile.
 *
 * @param maxTxs   transactions per snapshot at most; a snapshot is taken as soon as this many wait
 * @param maxDelay how long the oldest waiting transaction may wait for a snapshot; zero: at once
 */
public record SnapshotPolicy(int maxTxs, Duration maxDelay) {

    /** hydra-node 2.3.0's {@code maxTxsPerSnapshot}. */
    public static final int HYDRA_MAX_TXS_PER_SNAPSHOT = 100;

    public SnapshotPolicy {
        Objects.requireNonNull(maxDelay, "maxDelay");
        if (maxTxs < 1) {
            throw new IllegalArgumentException("a snapshot holds at least one transaction, got maxTxs " + maxTxs);
        }
        if (maxDelay.isNegative()) {
            throw new IllegalArgumentException("maxDelay must not be negative: " + maxDelay);
        }
    }

    /** One snapshot per transaction, at once: the quiet-head behaviour of hydra-node. */
    public static SnapshotPolicy perTransaction() {
        return new SnapshotPolicy(1, Duration.ZERO);
    }

    public static SnapshotPolicy batched(int maxTxs, Duration maxDelay) {
        return new SnapshotPolicy(maxTxs, maxDelay);
    }

    /** {@code per-tx}, or {@code batch:<maxTxs>:<maxDelayMs>} (e.g. {@code batch:100:20}). */
    public static SnapshotPolicy parse(String text) {
        if (text.equals("per-tx")) {
            return perTransaction();
        }
        String[] parts = text.split(":");
        if (parts.length == 3 && parts[0].equals("batch")) {
            try {
                return batched(Integer.parseInt(parts[1]), Duration.ofMillis(Long.parseLong(parts[2])));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("snapshot policy numbers are not integers: " + text, e);
            }
        }
        throw new IllegalArgumentException("snapshot policy must be per-tx or batch:<maxTxs>:<maxDelayMs>, got " + text);
    }

    @Override
    public String toString() {
        return maxTxs == 1 && maxDelay.isZero() ? "per-tx" : "batch:" + maxTxs + ":" + maxDelay.toMillis();
    }
}
