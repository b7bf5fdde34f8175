package dev.fabric.hydra.client;

import java.util.concurrent.CompletableFuture;

/**
 * The two outcomes of one submitted transaction.
 *
 * @param accepted  completes on {@code TxValid} (or HTTP 202); fails with {@link TxRejectedException}
 *                  or a {@link java.util.concurrent.TimeoutException}
 * @param confirmed completes only when a {@code SnapshotConfirmed} contains the transaction: the one
 *                  signal of finality; fails on rejection or timeout
 */
public record Submission(String txId, CompletableFuture<TxAccepted> accepted, CompletableFuture<TxConfirmed> confirmed) {
}
