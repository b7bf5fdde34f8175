package dev.fabric.settlement.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Where one of settlement's own transactions (Award or Refund) stands.
 *
 * @param tx              the exact bytes, once built (empty only while waiting for the chain
 *                        after the input to build from had already vanished)
 * @param since           when the current status began
 * @param lastSubmittedAt last time the head took (or already had) the bytes
 * @param submissions     how many times the bytes were handed to the head
 * @param announced       whether {@code AwardSubmitted} was published for it
 */
public record TxProgress(Optional<PreparedTx> tx, Status status, Instant since, Optional<Instant> lastSubmittedAt,
                         int submissions, boolean announced) {

    public enum Status {
        /** Built and kept, but the head could not be reached yet. */
        BUILT,
        /** The head took it; waiting for the confirmed record. */
        SUBMITTED,
        /** Its input left the head's UTxO without a sign of this transaction: waiting for the chain to say who spent it. */
        AWAITING_CHAIN
    }

    public TxProgress {
        tx = tx == null ? Optional.empty() : tx;
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(since, "since");
        lastSubmittedAt = lastSubmittedAt == null ? Optional.empty() : lastSubmittedAt;
        if (status != Status.AWAITING_CHAIN && tx.isEmpty()) {
            throw new IllegalArgumentException(status + " needs the transaction");
        }
    }

    public static TxProgress built(PreparedTx tx, Instant now) {
        return new TxProgress(Optional.of(tx), Status.BUILT, now, Optional.empty(), 0, false);
    }

    public static TxProgress awaitingChain(Optional<PreparedTx> tx, Instant now) {
        return new TxProgress(tx, Status.AWAITING_CHAIN, now, Optional.empty(), 0, false);
    }

    /** The head took (or already had) {@code submitted}. */
    public TxProgress submitted(PreparedTx submitted, Instant now) {
        Instant statusSince = status == Status.SUBMITTED ? since : now;
        return new TxProgress(Optional.of(submitted), Status.SUBMITTED, statusSince, Optional.of(now), submissions + 1, announced);
    }

    public TxProgress waitingForChain(Instant now) {
        return status == Status.AWAITING_CHAIN ? this
                : new TxProgress(tx, Status.AWAITING_CHAIN, now, lastSubmittedAt, submissions, announced);
    }

    public TxProgress confirmedOnHead(Instant now) {
        return new TxProgress(tx, Status.SUBMITTED, since, Optional.of(now), submissions, announced);
    }

    public TxProgress withAnnounced() {
        return new TxProgress(tx, status, since, lastSubmittedAt, submissions, true);
    }

    public Optional<String> txId() {
        return tx.map(PreparedTx::txId);
    }
}
