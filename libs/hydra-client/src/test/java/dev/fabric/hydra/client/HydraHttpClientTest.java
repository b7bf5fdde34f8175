package dev.fabric.hydra.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fabric.hydra.api.ConfirmedSnapshot;
import dev.fabric.hydra.api.HeadState;
import dev.fabric.hydra.api.HydraMessageCodec;
import dev.fabric.hydra.api.ProtocolParameters;
import dev.fabric.hydra.api.SampleMessages;
import dev.fabric.hydra.api.SubmitTxResult;
import dev.fabric.hydra.api.Transaction;
import dev.fabric.hydra.api.TxIn;
import dev.fabric.hydra.api.Utxo;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HydraHttpClientTest {

    private static final HydraMessageCodec CODEC = new HydraMessageCodec();

    private ScriptedHydraNode node;
    private HydraHttpClient client;

    @BeforeEach
    void start() {
        node = ScriptedHydraNode.start();
        client = new HydraHttpClient(node.uri());
    }

    @AfterEach
    void stop() {
        node.close();
    }

    @Test
    void shouldReadTheRecommendedZeroFeeProtocolParameters() throws Exception {
        node.answer("GET", "/protocol-parameters", 200,
                Files.readString(Path.of(getClass().getResource("/golden/l2-protocol-parameters.json").toURI())));

        ProtocolParameters parameters = client.protocolParameters();

        assertTrue(parameters.zeroFees());
        assertEquals(10_250, parameters.maxTxSize());
        assertEquals(BigInteger.valueOf(4_310), parameters.utxoCostPerByte());
        assertEquals(5_000, parameters.maxValueSize());
        assertEquals(BigInteger.valueOf(10_000_000_000L), parameters.maxTxExecutionSteps());
        assertEquals(BigInteger.valueOf(14_000_000), parameters.maxTxExecutionMemory());
        assertTrue(parameters.json().has("costModels"), "the whole document is kept for transaction builders");
    }

    /**
     * hydra-node serves HTTP/1.1. The JDK client otherwise offers an h2c upgrade on every new connection;
     * a server that takes it (the devnet's Vert.x does) then talks HTTP/2, and after a node restart a
     * response was read as HTTP/2 frames ("Frame type(53) length(3158324) exceeds MAX_FRAME_SIZE").
     */
    @Test
    void shouldSpeakHttp11Only() {
        node.answer("GET", "/head", 200, CODEC.write(SampleMessages.openHead()));

        for (int i = 0; i < 3; i++) {
            client.head();
        }

        assertEquals(List.of("HTTP_1_1", "HTTP_1_1", "HTTP_1_1"), node.httpCalls().stream().map(ScriptedHydraNode.HttpCall::protocol).toList());
    }

    @Test
    void shouldReadTheConfirmedSnapshotAndItsUtxo() {
        node.answer("GET", "/snapshot", 200, CODEC.write(SampleMessages.confirmedSnapshot()));
        node.answer("GET", "/snapshot/utxo", 200, CODEC.write(SampleMessages.utxo()));

        ConfirmedSnapshot.Signed snapshot = assertInstanceOf(ConfirmedSnapshot.Signed.class, client.snapshot().orElseThrow());
        Utxo utxo = client.snapshotUtxo().orElseThrow();

        assertEquals(17, snapshot.snapshot().number());
        assertEquals(2, snapshot.signatures().multiSignature().size());
        assertEquals(new BigInteger("3797645294248714119"),
                utxo.get(new TxIn(SampleMessages.TX_ID, 1)).orElseThrow().value().quantityOf(SampleMessages.POLICY, "f8e72d428ac3"));
    }

    @Test
    void shouldReturnEmptyWhenTheHeadWasNeverOpen() {
        node.answer("GET", "/snapshot", 404, "\"No snapshot\"");
        node.answer("GET", "/snapshot/utxo", 404, "\"Head never opened\"");

        assertEquals(Optional.empty(), client.snapshot());
        assertEquals(Optional.empty(), client.snapshotUtxo());
    }

    @Test
    void shouldReadTheHeadState() {
        node.answer("GET", "/head", 200, CODEC.write(SampleMessages.openHead()));

        HeadState.Open open = assertInstanceOf(HeadState.Open.class, client.head());

        assertEquals(SampleMessages.HEAD_ID, open.contents().headId());
        assertEquals(2, open.contents().parameters().parties().size());
    }

    @Test
    void shouldTurnEachDocumentedSubmitStatusIntoAResult() {
        Transaction tx = SampleMessages.TX;
        node.answer("POST", "/transaction", 202, "{\"tag\":\"SubmitTxSubmitted\"}");
        assertInstanceOf(SubmitTxResult.SubmitTxSubmitted.class, client.submitTransaction(tx));

        node.answer("POST", "/transaction", 200, "{\"tag\":\"SubmitTxConfirmed\",\"snapshotNumber\":12}");
        assertEquals(new SubmitTxResult.SubmitTxConfirmed(12), client.submitTransaction(tx));

        node.answer("POST", "/transaction", 400, "{\"tag\":\"SubmitTxInvalid\",\"validationError\":\"BadInputsUTxO\"}");
        assertEquals(new SubmitTxResult.SubmitTxInvalid("BadInputsUTxO"), client.submitTransaction(tx));

        node.answer("POST", "/transaction", 503, "{\"tag\":\"SubmitTxRejected\",\"reason\":\"node unsynced\"}");
        assertEquals(new SubmitTxResult.SubmitTxRejected("node unsynced"), client.submitTransaction(tx));

        assertEquals(CODEC.toJson(tx), CODEC.mapper().valueToTree(readJson(node.httpCalls().get(0).body())));
    }

    @Test
    void shouldFailWithTheBodyOnAnUndocumentedStatus() {
        node.answer("POST", "/transaction", 500, "\"ledger exploded\"");

        HydraHttpException failure = assertThrows(HydraHttpException.class, () -> client.submitTransaction(SampleMessages.TX));

        assertEquals(500, failure.statusCode());
        assertEquals("ledger exploded", failure.errorMessage());
        assertTrue(failure.getMessage().contains("POST /transaction answered 500"), failure::getMessage);
    }

    @Test
    void shouldDraftADepositWithPostCommit() {
        node.answer("POST", "/commit", 200, CODEC.write(SampleMessages.TX));
        Utxo utxo = SampleMessages.utxo();

        Transaction deposit = client.commit(utxo);

        assertEquals(SampleMessages.TX, deposit);
        var body = readJson(node.httpCalls().get(0).body());
        // Compared by shape: a tree built from records holds BigIntegerNodes where parsed text holds IntNodes.
        assertEquals(java.util.List.of(), dev.fabric.hydra.api.schema.JsonShapes.differences(CODEC.toJson(utxo), body.get("utxoToCommit")));
        assertEquals(1, body.size());
    }

    @Test
    void shouldExplainARefusedDeposit() {
        node.answer("POST", "/commit", 400, "\"Head is not open\"");

        HydraHttpException failure = assertThrows(HydraHttpException.class, () -> client.commit(SampleMessages.utxo()));

        assertEquals(400, failure.statusCode());
        assertEquals("Head is not open", failure.errorMessage());
    }

    @Test
    void shouldFailClearlyWhenTheNodeIsUnreachable() {
        int port = node.uri().getPort();
        node.stop();
        HydraHttpClient unreachable = new HydraHttpClient(URI.create("ws://127.0.0.1:" + port));

        HydraHttpException failure = assertThrows(HydraHttpException.class, unreachable::protocolParameters);

        assertEquals(-1, failure.statusCode());
        assertTrue(failure.getMessage().contains("http://127.0.0.1:" + port + "/protocol-parameters"), failure::getMessage);
    }

    @Test
    void shouldNotStartAThreadPerRequest() {
        node.answer("POST", "/transaction", 202, "{\"tag\":\"SubmitTxSubmitted\"}");
        client.submitTransaction(SampleMessages.TX);
        client.submitTransactionAsync(SampleMessages.TX).join();
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long before = threads.getTotalStartedThreadCount();

        for (int i = 0; i < 50; i++) {
            assertInstanceOf(SubmitTxResult.SubmitTxSubmitted.class, client.submitTransaction(SampleMessages.TX));
            assertInstanceOf(SubmitTxResult.SubmitTxSubmitted.class, client.submitTransactionAsync(SampleMessages.TX).join());
        }

        // The asynchronous send completes through CompletableFuture's default executor: with fewer than
        // three cores (CI has two) that is a new thread per request.
        long started = threads.getTotalStartedThreadCount() - before;
        assertTrue(started < 20, "threads started for 100 requests: " + started);
    }

    private static com.fasterxml.jackson.databind.JsonNode readJson(String text) {
        try {
            return CODEC.mapper().readTree(text);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
