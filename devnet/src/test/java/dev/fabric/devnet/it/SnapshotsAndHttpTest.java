package dev.fabric.devnet.it;

import static dev.fabric.devnet.it.DevnetFixtures.ADA;
import static dev.fabric.devnet.it.DevnetFixtures.ALICE;
import static dev.fabric.devnet.it.DevnetFixtures.BOB;
import static dev.fabric.devnet.it.DevnetFixtures.genesis;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fabric.devnet.HydraDevnet;
import dev.fabric.devnet.head.SnapshotPolicy;
import dev.fabric.devnet.wallet.DevnetKey;
import dev.fabric.devnet.wallet.SignedTx;
import dev.fabric.devnet.wallet.TxDraft;
import dev.fabric.hydra.api.schema.HydraApiSchema;
import dev.fabric.hydra.api.schema.SchemaCheck;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Snapshot policies and per-connection options, and the HTTP endpoints' shapes and codes. */
class SnapshotsAndHttpTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DevnetKey CAROL = DevnetKey.fromName("it-carol");

    private static String newTx(SignedTx tx) {
        return "{\"tag\":\"NewTx\",\"transaction\":{\"type\":\"Tx ConwayEra\",\"description\":\"\",\"cborHex\":\""
                + tx.cborHex() + "\",\"txId\":\"" + tx.txId() + "\"}}";
    }

    @Test
    void shouldBatchTransactionsIntoSnapshotsUnderTheBatchedPolicy() {
        try (HydraDevnet devnet = HydraDevnet.start(DevnetFixtures.fundedConfig()
                .withSnapshotPolicy(SnapshotPolicy.batched(4, Duration.ofSeconds(2))));
             FrameRecorder recorder = FrameRecorder.connect(devnet.webSocketUri(), "snapshot-utxo=no")) {
            await().atMost(Duration.ofSeconds(5)).until(() -> recorder.tags().contains("Greetings"));
            for (int i = 0; i < 6; i++) {
                recorder.send(newTx(new TxDraft().spend(genesis(i)).pay(BOB.address(), 100 * ADA).sign(ALICE)));
            }

            await().atMost(Duration.ofSeconds(10)).until(() -> recorder.tagged("SnapshotConfirmed").size() == 2);
            List<Integer> sizes = new ArrayList<>();
            recorder.tagged("SnapshotConfirmed").forEach(s -> sizes.add(s.path("snapshot").path("confirmed").size()));
            assertThat(sizes).containsExactly(4, 2);
            assertThat(recorder.tagged("TxValid")).hasSize(6);
            assertThat(recorder.tagged("SnapshotConfirmed")).allSatisfy(s -> {
                assertThat(s.path("snapshot").has("utxo")).isFalse();
                assertThat(s.path("signatures").path("multiSignature")).hasSize(1);
            });
            assertThat(recorder.schemaViolations()).isEmpty();
        }
    }

    @Test
    void shouldSendTheSnapshotUtxoOnlyToConnectionsThatWantIt() {
        try (HydraDevnet devnet = HydraDevnet.start(DevnetFixtures.fundedConfig());
             FrameRecorder with = FrameRecorder.connect(devnet.webSocketUri(), "");
             FrameRecorder without = FrameRecorder.connect(devnet.webSocketUri(), "snapshot-utxo=no")) {
            await().atMost(Duration.ofSeconds(5)).until(() -> with.tags().contains("Greetings") && without.tags().contains("Greetings"));
            SignedTx tx = new TxDraft().spend(genesis(0)).pay(BOB.address(), 100 * ADA).sign(ALICE);
            with.send(newTx(tx));

            await().atMost(Duration.ofSeconds(5)).until(() -> !with.tagged("SnapshotConfirmed").isEmpty()
                    && !without.tagged("SnapshotConfirmed").isEmpty());
            JsonNode full = with.tagged("SnapshotConfirmed").get(0);
            assertThat(full.path("snapshot").path("utxo").size()).isEqualTo(8);
            assertThat(full.path("snapshot").path("utxo").has(tx.output(0).toString())).isTrue();
            assertThat(full.path("snapshot").path("confirmed").get(0).path("txId").asText()).isEqualTo(tx.txId());
            assertThat(without.tagged("SnapshotConfirmed").get(0).path("snapshot").has("utxo")).isFalse();
            assertThat(with.tagged("Greetings").get(0).has("snapshotUtxo")).isTrue();
            assertThat(with.schemaViolations()).isEmpty();
            assertThat(without.schemaViolations()).isEmpty();
        }
    }

    @Test
    void shouldFilterSnapshotsByOutputAddressButNotTxValid() {
        try (HydraDevnet devnet = HydraDevnet.start(DevnetFixtures.fundedConfig());
             FrameRecorder carols = FrameRecorder.connect(devnet.webSocketUri(), "address=" + CAROL.address())) {
            await().atMost(Duration.ofSeconds(5)).until(() -> carols.tags().contains("Greetings"));
            carols.send(newTx(new TxDraft().spend(genesis(0)).pay(BOB.address(), 100 * ADA).sign(ALICE)));
            SignedTx toCarol = new TxDraft().spend(genesis(1)).pay(CAROL.address(), 100 * ADA).sign(ALICE);
            carols.send(newTx(toCarol));

            await().atMost(Duration.ofSeconds(5)).until(() -> carols.tagged("TxValid").size() == 2
                    && !carols.tagged("SnapshotConfirmed").isEmpty());
            await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(1))
                    .until(() -> carols.tagged("SnapshotConfirmed").size() == 1);
            assertThat(carols.tagged("SnapshotConfirmed").get(0).toString()).contains(toCarol.txId());
        }
    }

    @Test
    void shouldServeTheHttpEndpointsWithTheNodesShapesAndCodes() throws Exception {
        try (HydraDevnet idle = HydraDevnet.start(dev.fabric.devnet.head.DevnetConfig.defaults())) {
            assertThat(get(idle, "/snapshot").statusCode()).isEqualTo(404);
            assertThat(get(idle, "/snapshot/utxo").statusCode()).isEqualTo(404);
            assertValid("HeadState", get(idle, "/head"));
            assertThat(post(idle, "/commit", "{}").statusCode()).isEqualTo(400);
        }
        try (HydraDevnet devnet = HydraDevnet.start(DevnetFixtures.fundedConfig())) {
            HttpResponse<String> parameters = get(devnet, "/protocol-parameters");
            assertValid("ProtocolParameters", parameters);
            assertThat(JSON.readTree(parameters.body()).path("txFeeFixed").asLong()).isZero();
            assertValid("ConfirmedSnapshot", get(devnet, "/snapshot"));
            assertValid("UTxO", get(devnet, "/snapshot/utxo"));
            assertValid("HeadState", get(devnet, "/head"));
            assertValid("SeenSnapshot", get(devnet, "/snapshot/last-seen"));
            assertThat(get(devnet, "/nowhere").statusCode()).isEqualTo(400);
            assertThat(get(devnet, "/nowhere").body()).isEqualTo("\"Resource not found\"");
            assertThat(get(devnet, "/head").headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
            assertThat(get(devnet, "/head").headers().firstValue("Content-Type")).hasValue("application/json");

            String commit = "{\"utxoToCommit\":{\"" + "33".repeat(32) + "#0\":{\"address\":\"" + CAROL.address()
                    + "\",\"value\":{\"lovelace\":5000000}}}}";
            HttpResponse<String> deposit = post(devnet, "/commit", commit);
            assertThat(deposit.statusCode()).isEqualTo(200);
            assertValid("Transaction", deposit);
            assertThat(post(devnet, "/commit", commit).statusCode()).isEqualTo(400);
            await().atMost(Duration.ofSeconds(5)).until(() -> devnet.confirmedUtxo().size() == 9);

            HttpResponse<String> badTx = post(devnet, "/transaction", "{\"type\":\"Tx ConwayEra\",\"description\":\"\",\"cborHex\":\"00\"}");
            assertThat(badTx.statusCode()).isEqualTo(400);
            assertThat(post(devnet, "/transaction", "{oops").statusCode()).isEqualTo(400);
        }
    }

    private static HttpResponse<String> get(HydraDevnet devnet, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(devnet.httpUri() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(HydraDevnet devnet, String path, String body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(devnet.httpUri() + path))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertValid(String schema, HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        SchemaCheck check = HydraApiSchema.validate(schema, JSON.readTree(response.body()));
        assertThat(check.errors()).as(schema + ": " + response.body()).isEmpty();
    }
}
