package dev.fabric.hydra.client;

import dev.fabric.hydra.api.ClientInput;
import dev.fabric.hydra.api.ClientMessage;
import dev.fabric.hydra.api.ServerOutput;
import dev.fabric.hydra.api.SubmitTxResult;
import dev.fabric.hydra.api.TimedServerOutput;
import dev.fabric.hydra.api.Transaction;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Submits L2 transactions and follows each one by its {@code txId} on a {@link HeadConnection}:
 * acceptance from {@code TxValid}/{@code TxInvalid} (or the HTTP answer), finality only from a
 * {@code SnapshotConfirmed} that contains it.
 *
 * <p>The connection should be started before submitting: the node does not replay a
 * {@code SnapshotConfirmed} to a connection that opens afterwards unless it asks for history.
 */
public final class TxSubmitter implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(TxSubmitter.class);

    private final HeadConnection connection;
    private final HydraHttpClient http;
    private final Duration acceptTimeout;
    private final Duration confirmTimeout;
    private final Map<String, Submission> pending = new ConcurrentHashMap<>();
    private final HeadListener correlator = new Correlator();

    /**
     * @param http           for {@link #submitOverHttp}; may be null when only the WebSocket is used
     * @param acceptTimeout  how long to wait for {@code TxValid}/{@code TxInvalid} (the node decides
     *                       within about half a second)
     * @param confirmTimeout how long to wait for a snapshot (seconds on a loaded head; a stalled head
     *                       never confirms)
     */
    public TxSubmitter(HeadConnection connection, HydraHttpClient http, Duration acceptTimeout, Duration confirmTimeout) {
        this.connection = Objects.requireNonNull(connection, "connection");
        this.http = http;
        this.acceptTimeout = Objects.requireNonNull(acceptTimeout, "acceptTimeout");
        this.confirmTimeout = Objects.requireNonNull(confirmTimeout, "confirmTimeout");
        connection.addListener(correlator);
    }

    /** Sends {@code NewTx} over the WebSocket. */
    public Submission submit(Transaction transaction) {
        Submission submission = track(requireTxId(transaction));
        connection.send(new ClientInput.NewTx(transaction))
                .whenComplete((ignored, error) -> {
                    if (error != null) {
                        fail(submission, unwrap(error));
                    }
                });
        return submission;
    }

    /** Sends the transaction with {@code POST /transaction}; the verdict may come from either channel first. */
    public Submission submitOverHttp(Transaction transaction) {
        if (http == null) {
            throw new IllegalStateException("no HydraHttpClient given to this TxSubmitter");
        }
        String txId = requireTxId(transaction);
        Submission submission = track(txId);
        http.submitTransactionAsync(transaction).whenComplete((result, error) -> {
            if (error != null) {
                fail(submission, unwrap(error));
            } else if (result instanceof SubmitTxResult.SubmitTxInvalid invalid) {
                fail(submission, new TxRejectedException(txId, TxRejectedException.Reason.INVALID, invalid.validationError()));
            } else if (result instanceof SubmitTxResult.SubmitTxRejected rejected) {
                fail(submission, new TxRejectedException(txId, TxRejectedException.Reason.UNSYNCED, rejected.reason()));
            } else {
                // 202 or 200: accepted; finality still waits for SnapshotConfirmed on the WebSocket.
                submission.accepted().complete(new TxAccepted(txId, OptionalLong.empty()));
            }
        });
        return submission;
    }

    /**
     * Follows a transaction submitted elsewhere (another process, a retry after restart). Calling it
     * again for a pending txId returns the same submission.
     */
    public Submission track(String txId) {
        Objects.requireNonNull(txId, "txId");
        return pending.computeIfAbsent(txId, this::newSubmission);
    }

    /** Completes when a {@code SnapshotConfirmed} contains the transaction. */
    public CompletableFuture<TxConfirmed> awaitConfirmed(String txId) {
        return track(txId).confirmed();
    }

    public int pendingCount() {
        return pending.size();
    }

    /** Stops following; pending futures fail with {@link CancellationException}. */
    @Override
    public void close() {
        connection.removeListener(correlator);
        for (Submission submission : pending.values()) {
            fail(submission, new CancellationException("TxSubmitter closed"));
        }
        pending.clear();
    }

    private Submission newSubmission(String txId) {
        CompletableFuture<TxAccepted> accepted = new CompletableFuture<TxAccepted>()
                .orTimeout(acceptTimeout.toNanos(), TimeUnit.NANOSECONDS);
        CompletableFuture<TxConfirmed> confirmed = new CompletableFuture<TxConfirmed>()
                .orTimeout(confirmTimeout.toNanos(), TimeUnit.NANOSECONDS);
        Submission submission = new Submission(txId, accepted, confirmed);
        confirmed.whenComplete((ignored, error) -> pending.remove(txId, submission));
        return submission;
    }

    private void fail(Submission submission, Throwable error) {
        submission.accepted().completeExceptionally(error);
        submission.confirmed().completeExceptionally(error);
    }

    private static String requireTxId(Transaction transaction) {
        if (transaction.txId() == null) {
            throw new IllegalArgumentException("the transaction needs its txId (blake2b-256 of the body) to be followed");
        }
        return transaction.txId();
    }

    private static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }

    private void rejected(ClientInput input, TxRejectedException.Reason reason, String detail) {
        if (input instanceof ClientInput.NewTx newTx && newTx.transaction().txId() != null) {
            Submission submission = pending.get(newTx.transaction().txId());
            if (submission != null) {
                fail(submission, new TxRejectedException(newTx.transaction().txId(), reason, detail));
            }
        }
    }

    private final class Correlator implements HeadListener {

        @Override
        public void onOutput(TimedServerOutput timed) {
            ServerOutput output = timed.output();
            if (output instanceof ServerOutput.TxValid valid) {
                Submission submission = pending.get(valid.transactionId());
                if (submission != null) {
                    submission.accepted().complete(new TxAccepted(valid.transactionId(), OptionalLong.of(timed.seq())));
                }
            } else if (output instanceof ServerOutput.TxInvalid invalid) {
                String txId = invalid.transaction().txId();
                Submission submission = txId == null ? null : pending.get(txId);
                if (submission != null) {
                    String reason = invalid.validationError() == null ? "TxInvalid" : invalid.validationError().reason();
                    fail(submission, new TxRejectedException(txId, TxRejectedException.Reason.INVALID, reason));
                }
            } else if (output instanceof ServerOutput.SnapshotConfirmed confirmed) {
                confirmed.snapshot().confirmed().forEach(tx -> {
                    Submission submission = tx.txId() == null ? null : pending.get(tx.txId());
                    if (submission != null) {
                        // A confirmed transaction was evidently accepted, even if its TxValid was missed.
                        submission.accepted().complete(new TxAccepted(tx.txId(), OptionalLong.empty()));
                        submission.confirmed().complete(new TxConfirmed(tx.txId(), confirmed.headId(),
                                confirmed.snapshot().number(), confirmed.snapshot().version(), timed.seq(), timed.timestamp()));
                        LOG.debugf("%s confirmed in snapshot %d", tx.txId(), confirmed.snapshot().number());
                    }
                });
            }
        }

        @Override
        public void onClientMessage(ClientMessage message) {
            if (message instanceof ClientMessage.RejectedInputBecauseUnsynced unsynced) {
                rejected(unsynced.clientInput(), TxRejectedException.Reason.UNSYNCED, "node out of sync, drift " + unsynced.drift());
            } else if (message instanceof ClientMessage.CommandFailed failed) {
                rejected(failed.clientInput(), TxRejectedException.Reason.COMMAND_FAILED,
                        "CommandFailed in head state " + (failed.state() == null ? "?" : failed.state().tag()));
            }
        }
    }
}
