package dev.fabric.hydra.client;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fabric.hydra.api.ClientInput;
import dev.fabric.hydra.api.ClientMessage;
import dev.fabric.hydra.api.HeadStatus;
import dev.fabric.hydra.api.ServerOutput;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HeadConnectionTest {

    private static final Duration DEADLINE = Duration.ofSeconds(10);
    private static final ReconnectBackoff FAST = new ReconnectBackoff(Duration.ofMillis(20), Duration.ofMillis(200), 2.0, 0.5);

    private ScriptedHydraNode node;
    private HeadConnection connection;
    private final RecordingListener listener = new RecordingListener();

    @BeforeEach
    void startNode() {
        node = ScriptedHydraNode.start();
    }

    @AfterEach
    void stopAll() {
        if (connection != null) {
            connection.close();
        }
        node.close();
    }

    private HeadConnection connect(HeadConnectionConfig.Builder config) {
        connection = new HeadConnection(config.build()).addListener(listener);
        connection.start();
        return connection;
    }

    private HeadConnectionConfig.Builder config() {
        return HeadConnectionConfig.builder(node.uri()).backoff(FAST);
    }

    @Test
    void shouldReplayHistoryWithGapsThenGreetThenDeliverLiveOutputs() throws Exception {
        node.persist(Frames.txValid(1));
        node.persist(Frames.txValid(3));
        node.persist(Frames.txValid(7));

        HeadConnection head = new HeadConnection(config().build()).addListener(listener);
        connection = head;
        var greeted = head.start().get(10, TimeUnit.SECONDS);
        node.persistAndBroadcast(Frames.txValid(12));

        await().atMost(DEADLINE).until(() -> listener.outputs.size() == 4);
        assertEquals(List.of("out:1", "out:3", "out:7", "hello", "out:12"), listener.events);
        assertEquals(HeadStatus.OPEN, greeted.status());
        assertEquals("history=yes&snapshot-utxo=no", node.queries().get(0));
        ServerOutput.TxValid first = assertInstanceOf(ServerOutput.TxValid.class, listener.outputs.get(0).output());
        assertEquals(Frames.txId(1), first.transactionId());
        assertEquals(12, head.lastSeq());
        assertEquals(4, head.metrics().outputsDelivered());
        assertEquals(0, head.metrics().duplicatesDropped());
    }

    @Test
    void shouldDeliverEachSeqOnceAcrossReconnectAndReplay() {
        node.persist(Frames.txValid(1));
        node.persist(Frames.txValid(3));
        connect(config());
        await().atMost(DEADLINE).until(() -> listener.greetings.size() == 1);

        node.persist(Frames.txValid(8));
        node.dropAllConnections();
        await().atMost(DEADLINE).until(() -> listener.greetings.size() == 2);

        assertEquals(List.of(1L, 3L, 8L), listener.seqs());
        assertEquals(DisconnectReason.Kind.CLOSED_BY_SERVER, listener.disconnects.get(0).kind());
        assertEquals(1011, listener.disconnects.get(0).closeCode());
        assertEquals(2, connection.metrics().duplicatesDropped());
        assertEquals(2, connection.metrics().connectionsOpened());
    }

    @Test
    void shouldDropALiveDuplicateOfAReplayedOutput() {
        // The node subscribes a connection to live outputs before streaming history, so an output
        // persisted meanwhile can arrive twice.
        node.persist(Frames.txValid(5));
        node.onClientText((n, text) -> { });
        connect(config());
        await().atMost(DEADLINE).until(() -> listener.greetings.size() == 1);

        node.broadcast(Frames.txValid(5));
        node.broadcast(Frames.txValid(4));
        node.broadcast(Frames.txValid(6));

        await().atMost(DEADLINE).until(() -> listener.outputs.size() == 2);
        await().atMost(DEADLINE).until(() -> connection.metrics().duplicatesDropped() == 2);
        assertEquals(List.of(5L, 6L), listener.seqs());
    }

    @Test
    void shouldSkipAndCountMalformedFramesWithoutLosingTheConnection() {
        connect(config());
        await().atMost(DEADLINE).until(() -> listener.greetings.size() == 1);

        node.broadcast("this is not json");
        node.broadcast("[1,2,3]");
        node.broadcast("{\"no\":\"tag\"}");
        node.broadcast("{\"tag\":\"TxValid\",\"seq\":\"seven\",\"timestamp\":\"2026-07-20T10:11:12Z\"}");
        node.broadcast("{\"tag\":\"TxValid\",\"seq\":7,\"timestamp\":\"last tuesday\"}");
        node.broadcast(Frames.txValid(9));

        await().atMost(DEADLINE).until(() -> listener.outputs.size() == 1);
        assertEquals(5, listener.malformedFrames.size());
        assertEquals(5, connection.metrics().malformedFrames());
        assertEquals(List.of(9L), listener.seqs());
        assertTrue(listener.malformedFrames.get(0).problem().startsWith("not JSON"), listener.malformedFrames.get(0)::toString);
        assertTrue(listener.disconnects.isEmpty());
        assertTrue(connection.isConnected());
    }

    @Test
    void shouldSkipOversizedAndBinaryFramesAndKeepReading() {
        connect(config().maxFrameChars(2_048));
        await().atMost(DEADLINE).until(() -> listener.greetings.size() == 1);

        node.broadcast("{\"tag\":\"TxValid\",\"padding\":\"" + "x".repeat(4_000) + "\"}");
        node.broadcastBinary(new byte[] {(byte) 0x82, 0x01, 0x02});
        node.broadcast(Frames.txValid(3));

        await().atMost(DEADLINE).until(() -> listener.outputs.size() == 1);
        assertEquals(2, connection.metrics().malformedFrames());
        assertTrue(listener.malformedFrames.get(0).problem().contains("exceeds maxFrameChars"), listener.malformedFrames.get(0)::problem);
        assertTrue(listener.malformedFrames.get(1).problem().contains("binary"), listener.malformedFrames.get(1)::problem);
        assertTrue(connection.isConnected());
    }

    @Test
    void shouldPassUnknownTagsOnWithTheirJson() {
        connect(config());
        await().atMost(DEADLINE).until(() -> listener.greetings.size() == 1);

        node.broadcast("{\"tag\":\"HeadIsTeleported\",\"headId\":\"ab\",\"where\":{\"planet\":\"Mars\"},\"seq\":21,\"timestamp\":\"2026-07-20T10:11:12Z\"}");
        node.broadcast("{\"tag\":\"BrandNewClientMessage\",\"detail\":42}");
        node.broadcast("{\"tag\":\"HeadIsClosed\",\"headId\":\"ab\",\"snapshotNumber\":\"not a number\",\"seq\":22,\"timestamp\":\"2026-07-20T10:11:12Z\"}");

        await().atMost(DEADLINE).until(() -> listener.outputs.size() == 2 && listener.unknownMessages.size() == 1);
        ServerOutput.Unknown teleported = assertInstanceOf(ServerOutput.Unknown.class, listener.outputs.get(0).output());
        assertEquals("HeadIsTeleported", teleported.tag());
        assertEquals("Mars", teleported.json().path("where").path("planet").asText());
        assertFalse(teleported.json().has("seq"));
        ServerOutput.Unknown unbindable = assertInstanceOf(ServerOutput.Unknown.class, listener.outputs.get(1).output());
        assertEquals("HeadIsClosed", unbindable.tag());
        assertEquals(42, listener.unknownMessages.get(0).json().path("detail").asInt());
        assertEquals(3, connection.metrics().unknownMessages());
        assertEquals(0, connection.metrics().malformedFrames());
    }

    @Test
    void shouldDeliverClientMessagesAndInvalidInputWithoutSeq() {
        connect(config());
        await().atMost(DEADLINE).until(() -> listener.greetings.size() == 1);

        node.broadcast("{\"tag\":\"RejectedInputBecauseUnsynced\",\"clientInput\":{\"tag\":\"Close\"},\"drift\":21601.5}");
        node.broadcast("{\"tag\":\"InvalidInput\",\"reason\":\"Error in $\",\"input\":\"{}\"}");

        await().atMost(DEADLINE).until(() -> listener.clientMessages.size() == 1 && listener.invalidInputs.size() == 1);
        var unsynced = assertInstanceOf(ClientMessage.RejectedInputBecauseUnsynced.class, listener.clientMessages.get(0));
        assertEquals(Duration.ofMillis(21_601_500), unsynced.drift());
        assertInstanceOf(ClientInput.Close.class, unsynced.clientInput());
        assertTrue(listener.outputs.isEmpty());
    }

    @Test
    void shouldKeepReadingWhenAListenerThrows() {
        connection = new HeadConnection(config().build());
        connection.addListener(new HeadListener() {
            @Override
            public void onOutput(dev.fabric.hydra.api.TimedServerOutput output) {
                throw new IllegalStateException("listener bug");
            }
        });
        connection.addListener(listener);
        connection.start();
        await().atMost(DEADLINE).until(() -> listener.greetings.size() == 1);

        node.broadcast(Frames.txValid(1));
        node.broadcast(Frames.txValid(2));

        await().atMost(DEADLINE).until(() -> listener.outputs.size() == 2);
        assertEquals(2, connection.metrics().listenerFailures());
        assertTrue(connection.isConnected());
    }

    @Test
    void shouldReconnectAfterTheNodeRestartsAndContinueFromTheLastSeq() {
        node.persist(Frames.txValid(10));
        connect(config());
        await().atMost(DEADLINE).until(() -> listener.greetings.size() == 1);

        node.restart();
        node.persist(Frames.txValid(11));

        await().atMost(DEADLINE).until(() -> listener.greetings.size() == 2);
        assertEquals(List.of(10L, 11L), listener.seqs());
        assertFalse(listener.disconnects.isEmpty());
        assertTrue(listener.seqRegressions.isEmpty());
    }

    @Test
    void shouldConnectWithTheConfiguredQuery() {
        connect(config().history(false).snapshotUtxo(true).addressFilter("addr_test1vqk7a8suz4fc86nksmp2lthnmgetwz2vvx5xsc04lu24f4ckrw9gh"));
        node.persist(Frames.txValid(1));

        await().atMost(DEADLINE).until(() -> listener.greetings.size() == 1);
        assertEquals("history=no&snapshot-utxo=yes&address=addr_test1vqk7a8suz4fc86nksmp2lthnmgetwz2vvx5xsc04lu24f4ckrw9gh", node.queries().get(0));
        assertTrue(listener.outputs.isEmpty());
    }

    @Test
    void shouldSkipOutputsUpToTheResumeSeq() {
        node.persist(Frames.txValid(1));
        node.persist(Frames.txValid(3));
        node.persist(Frames.txValid(7));

        connect(config().resumeAfterSeq(3));

        await().atMost(DEADLINE).until(() -> listener.greetings.size() == 1);
        assertEquals(List.of(7L), listener.seqs());
        assertEquals(2, connection.metrics().duplicatesDropped());
    }

    @Test
    void shouldReportASeqRegressionWhenTheNodeWasWiped() {
        node.persist(Frames.txValid(1));
        node.persist(Frames.txValid(9));
        connect(config());
        await().atMost(DEADLINE).until(() -> listener.greetings.size() == 1);

        node.replaceHistory(List.of(Frames.txValid(1), Frames.txValid(2)));
        node.dropAllConnections();

        await().atMost(DEADLINE).until(() -> listener.greetings.size() == 2);
        assertEquals(1, listener.seqRegressions.size());
        assertEquals(9, listener.seqRegressions.get(0)[0]);
        assertEquals(2, listener.seqRegressions.get(0)[1]);
        assertEquals(List.of(1L, 9L), listener.seqs());
    }

    @Test
    void shouldCountServerPingsAndAnswerThemWithPongs() {
        connect(config());
        await().atMost(DEADLINE).until(() -> listener.greetings.size() == 1);

        node.sendPing();
        node.sendPing();

        await().atMost(DEADLINE).until(() -> connection.metrics().pingsReceived() == 2);
        await().atMost(DEADLINE).until(() -> node.pongsReceived() == 2);
    }

    @Test
    void shouldSendInputsAsJsonText() throws Exception {
        connect(config());
        await().atMost(DEADLINE).until(() -> listener.greetings.size() == 1);

        connection.send(new ClientInput.Init()).get(10, TimeUnit.SECONDS);
        connection.send(new ClientInput.Close()).get(10, TimeUnit.SECONDS);

        await().atMost(DEADLINE).until(() -> node.received().size() == 2);
        assertEquals(List.of("{\"tag\":\"Init\"}", "{\"tag\":\"Close\"}"), node.received());
    }

    @Test
    void shouldCloseCleanlyAndStopReconnecting() {
        connect(config());
        await().atMost(DEADLINE).until(() -> listener.greetings.size() == 1 && node.openConnections() == 1);

        connection.close();

        await().atMost(DEADLINE).until(() -> node.openConnections() == 0);
        assertEquals(DisconnectReason.Kind.CLOSED_BY_CLIENT, listener.disconnects.get(listener.disconnects.size() - 1).kind());
        ExecutionException refused = assertThrows(ExecutionException.class, () -> connection.send(new ClientInput.Init()).get());
        assertInstanceOf(IllegalStateException.class, refused.getCause());
        assertEquals(1, connection.metrics().connectionsOpened());
        assertEquals(1, node.queries().size());
    }

    @Test
    void shouldRefuseToSendWhileDisconnected() {
        node.stop();
        connection = new HeadConnection(config().build());

        ExecutionException refused = assertThrows(ExecutionException.class, () -> connection.send(new ClientInput.Init()).get());

        assertTrue(refused.getCause().getMessage().contains("not connected"), refused.getCause()::getMessage);
    }

    @Test
    void shouldBackOffExponentiallyWithJitterWhileTheNodeIsDown() {
        int port = node.uri().getPort();
        node.stop();
        ReconnectBackoff backoff = new ReconnectBackoff(Duration.ofSeconds(1), Duration.ofSeconds(8), 2.0, 0.25);
        ManualScheduler scheduler = new ManualScheduler();
        connection = new HeadConnection(config().backoff(backoff).random(new SplittableRandom(42))
                .pingInterval(Duration.ofHours(1)).idleTimeout(Duration.ofHours(2)).build(),
                HttpClient.newHttpClient(), scheduler).addListener(listener);

        connection.start();
        for (int attempt = 0; attempt < 5; attempt++) {
            int expectedDelays = attempt + 1;
            await().atMost(DEADLINE).until(() -> reconnectDelays(scheduler).size() == expectedDelays);
            scheduler.advance(reconnectDelays(scheduler).get(attempt));
        }

        RandomGenerator sameRandom = new SplittableRandom(42);
        List<Duration> expected = List.of(backoff.delay(0, sameRandom), backoff.delay(1, sameRandom),
                backoff.delay(2, sameRandom), backoff.delay(3, sameRandom), backoff.delay(4, sameRandom));
        assertEquals(expected, reconnectDelays(scheduler).subList(0, 5));
        for (int attempt = 0; attempt < 5; attempt++) {
            Duration delay = reconnectDelays(scheduler).get(attempt);
            Duration ceiling = backoff.ceiling(attempt);
            assertTrue(delay.compareTo(ceiling) <= 0 && delay.compareTo(ceiling.multipliedBy(3).dividedBy(4)) >= 0,
                    () -> "attempt delay " + delay + " outside [0.75, 1] x " + ceiling);
        }
        assertEquals(Duration.ofSeconds(8), backoff.ceiling(4));
        assertTrue(listener.disconnects.stream().allMatch(d -> d.kind() == DisconnectReason.Kind.CONNECT_FAILED));

        // The node comes back: the next attempt connects, and a later drop starts the schedule over.
        // Wait for the last failed attempt first, or it could reach the revived node.
        await().atMost(DEADLINE).until(() -> reconnectDelays(scheduler).size() == 6);
        ScriptedHydraNode revived = ScriptedHydraNode.startOn(port);
        try {
            scheduler.advance(reconnectDelays(scheduler).get(5));
            await().atMost(DEADLINE).until(() -> listener.greetings.size() == 1);
            revived.dropAllConnections();
            await().atMost(DEADLINE).until(() -> reconnectDelays(scheduler).size() == 7);
            Duration afterGreetings = reconnectDelays(scheduler).get(6);
            assertTrue(afterGreetings.compareTo(backoff.ceiling(0)) <= 0, () -> "backoff not reset: " + afterGreetings);
        } finally {
            connection.close();
            revived.close();
        }
    }

    /** The scheduler also sees heartbeats (one hour apart in the backoff test); keep the reconnects. */
    private static List<Duration> reconnectDelays(ManualScheduler scheduler) {
        return scheduler.requestedDelays().stream().filter(d -> d.compareTo(Duration.ofHours(1)) < 0).toList();
    }

    @Test
    void shouldDropASilentConnectionAfterTheIdleTimeout() {
        ManualScheduler scheduler = new ManualScheduler();
        connection = new HeadConnection(config().pingInterval(Duration.ofSeconds(10)).idleTimeout(Duration.ofSeconds(25)).build(),
                HttpClient.newHttpClient(), scheduler).addListener(listener);
        connection.start();
        await().atMost(DEADLINE).until(() -> listener.greetings.size() == 1 && scheduler.pendingTasks() == 1);

        scheduler.advance(Duration.ofSeconds(10));
        assertTrue(listener.disconnects.isEmpty(), "a heartbeat inside the idle window must only ping");

        scheduler.advance(Duration.ofSeconds(40));

        await().atMost(DEADLINE).until(() -> !listener.disconnects.isEmpty());
        assertEquals(DisconnectReason.Kind.IDLE_TIMEOUT, listener.disconnects.get(0).kind());
        await().atMost(DEADLINE).until(() -> scheduler.requestedDelays().size() >= 3);
    }
}
