package dev.fabric.hydra.client;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fabric.hydra.api.ClientInput;
import dev.fabric.hydra.api.HydraMessageCodec;
import dev.fabric.hydra.api.Transaction;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TxSubmitterTest {

    private static final Duration DEADLINE = Duration.ofSeconds(10);
    private static final HydraMessageCodec CODEC = new HydraMessageCodec();

    private ScriptedHydraNode node;
    private HeadConnection connection;
    private TxSubmitter submitter;
    private final AtomicLong seq = new AtomicLong(100);

    @BeforeEach
    void connect() throws Exception {
        node = ScriptedHydraNode.start();
        connection = new HeadConnection(HeadConnectionConfig.builder(node.uri())
                .backoff(new ReconnectBackoff(Duration.ofMillis(20), Duration.ofMillis(100), 2.0, 0.5)).build());
        submitter = new TxSubmitter(connection, new HydraHttpClient(node.uri()), Duration.ofSeconds(5), Duration.ofSeconds(5));
        connection.start().get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void disconnect() {
        submitter.close();
        connection.close();
        node.close();
    }

    /** The node answers each NewTx with TxValid, and the test decides when a snapshot confirms it. */
    private void validateEveryNewTx() {
        node.onClientText((n, text) -> {
            ClientInput.NewTx newTx = (ClientInput.NewTx) CODEC.decodeClientInput(text);
            n.persistAndBroadcast(Frames.txValid(seq.incrementAndGet(), newTx.transaction().txId()));
        });
    }

    @Test
    void shouldAcceptOnTxValidAndConfirmOnlyWhenASnapshotContainsTheTx() throws Exception {
        validateEveryNewTx();
        Transaction tx = Transaction.conway("84a400", Frames.txId(1));

        Submission submission = submitter.submit(tx);

        TxAccepted accepted = submission.accepted().get(10, TimeUnit.SECONDS);
        assertEquals(OptionalLong.of(101), accepted.seq());
        assertEquals("{\"tag\":\"NewTx\",\"transaction\":{\"type\":\"Tx ConwayEra\",\"description\":\"\",\"cborHex\":\"84a400\",\"txId\":\""
                + Frames.txId(1) + "\"}}", node.received().get(0));

        node.persistAndBroadcast(Frames.snapshotConfirmed(102, 5, Frames.txId(99)));
        await().atMost(DEADLINE).until(() -> connection.lastSeq() == 102);
        assertFalse(submission.confirmed().isDone(), "a snapshot without the tx must not confirm it");

        node.persistAndBroadcast(Frames.snapshotConfirmed(104, 6, Frames.txId(98), Frames.txId(1)));

        TxConfirmed confirmed = submission.confirmed().get(10, TimeUnit.SECONDS);
        assertEquals(new TxConfirmed(Frames.txId(1), Frames.HEAD, 6, 0, 104, java.time.Instant.parse("2026-07-20T10:11:14.5Z")), confirmed);
        await().atMost(DEADLINE).until(() -> submitter.pendingCount() == 0);
    }

    @Test
    void shouldRejectOnTxInvalidWithTheLedgerReason() {
        node.onClientText((n, text) -> {
            ClientInput.NewTx newTx = (ClientInput.NewTx) CODEC.decodeClientInput(text);
            n.persistAndBroadcast(Frames.txInvalid(seq.incrementAndGet(), newTx.transaction().txId(), "BadInputsUTxO"));
        });

        Submission submission = submitter.submit(Transaction.conway("84a400", Frames.txId(2)));

        ExecutionException failed = assertThrows(ExecutionException.class, () -> submission.confirmed().get(10, TimeUnit.SECONDS));
        TxRejectedException rejected = assertInstanceOf(TxRejectedException.class, failed.getCause());
        assertEquals(TxRejectedException.Reason.INVALID, rejected.reason());
        assertEquals("BadInputsUTxO", rejected.detail());
        assertTrue(submission.accepted().isCompletedExceptionally());
    }

    @Test
    void shouldRejectWhenTheNodeIsUnsyncedOrTheCommandFails() {
        node.onClientText((n, text) -> {
            String tx = text.substring(text.indexOf("\"transaction\""));
            if (text.contains(Frames.txId(3))) {
                n.broadcast("{\"tag\":\"RejectedInputBecauseUnsynced\",\"clientInput\":{\"tag\":\"NewTx\"," + tx + ",\"drift\":700}");
            } else {
                n.broadcast("{\"tag\":\"CommandFailed\",\"clientInput\":{\"tag\":\"NewTx\"," + tx
                        + ",\"state\":{\"tag\":\"Idle\",\"contents\":{\"chainState\":{}}}}");
            }
        });

        Submission unsynced = submitter.submit(Transaction.conway("84a400", Frames.txId(3)));
        Submission notOpen = submitter.submit(Transaction.conway("84a400", Frames.txId(4)));

        assertEquals(TxRejectedException.Reason.UNSYNCED, rejection(unsynced).reason());
        assertEquals(TxRejectedException.Reason.COMMAND_FAILED, rejection(notOpen).reason());
        assertTrue(rejection(notOpen).detail().contains("Idle"), rejection(notOpen)::detail);
    }

    @Test
    void shouldSubmitOverHttpAndStillWaitForTheSnapshot() throws Exception {
        node.answer("POST", "/transaction", 202, "{\"tag\":\"SubmitTxSubmitted\"}");

        Submission submission = submitter.submitOverHttp(Transaction.conway("84a400", Frames.txId(5)));

        assertEquals(OptionalLong.empty(), submission.accepted().get(10, TimeUnit.SECONDS).seq());
        assertFalse(submission.confirmed().isDone());
        assertEquals("POST", node.httpCalls().get(0).method());
        assertTrue(node.httpCalls().get(0).body().contains(Frames.txId(5)));

        node.persistAndBroadcast(Frames.snapshotConfirmed(110, 9, Frames.txId(5)));

        assertEquals(9, submission.confirmed().get(10, TimeUnit.SECONDS).snapshotNumber());
    }

    @Test
    void shouldRejectWhenHttpSaysInvalid() {
        node.answer("POST", "/transaction", 400, "{\"tag\":\"SubmitTxInvalid\",\"validationError\":\"ValueNotConservedUTxO\"}");

        Submission submission = submitter.submitOverHttp(Transaction.conway("84a400", Frames.txId(6)));

        TxRejectedException rejected = rejection(submission);
        assertEquals(TxRejectedException.Reason.INVALID, rejected.reason());
        assertEquals("ValueNotConservedUTxO", rejected.detail());
    }

    @Test
    void shouldFollowATransactionSubmittedElsewhere() throws Exception {
        var confirmation = submitter.awaitConfirmed(Frames.txId(7));
        assertSame(submitter.track(Frames.txId(7)).confirmed(), confirmation);

        node.persistAndBroadcast(Frames.snapshotConfirmed(120, 11, Frames.txId(7)));

        assertEquals(120, confirmation.get(10, TimeUnit.SECONDS).seq());
    }

    @Test
    void shouldTimeOutWhenNoSnapshotConfirmsTheTx() throws Exception {
        validateEveryNewTx();
        try (TxSubmitter impatient = new TxSubmitter(connection, null, Duration.ofSeconds(5), Duration.ofMillis(300))) {
            Submission submission = impatient.submit(Transaction.conway("84a400", Frames.txId(8)));

            submission.accepted().get(10, TimeUnit.SECONDS);
            ExecutionException timedOut = assertThrows(ExecutionException.class, () -> submission.confirmed().get(10, TimeUnit.SECONDS));
            assertInstanceOf(TimeoutException.class, timedOut.getCause());
        }
    }

    @Test
    void shouldFailImmediatelyWhenNotConnected() {
        connection.close();

        Submission submission = submitter.submit(Transaction.conway("84a400", Frames.txId(9)));

        ExecutionException failed = assertThrows(ExecutionException.class, () -> submission.accepted().get(10, TimeUnit.SECONDS));
        assertInstanceOf(IllegalStateException.class, failed.getCause());
    }

    @Test
    void shouldRequireTheTxIdToFollowATransaction() {
        assertThrows(IllegalArgumentException.class, () -> submitter.submit(new Transaction(null, null, "84a400", null)));
    }

    private static TxRejectedException rejection(Submission submission) {
        ExecutionException failed = assertThrows(ExecutionException.class, () -> submission.confirmed().get(10, TimeUnit.SECONDS));
        return assertInstanceOf(TxRejectedException.class, failed.getCause());
    }
}
