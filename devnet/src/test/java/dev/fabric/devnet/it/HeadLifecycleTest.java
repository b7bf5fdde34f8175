package dev.fabric.devnet.it;

import static dev.fabric.devnet.it.DevnetFixtures.ADA;
import static dev.fabric.devnet.it.DevnetFixtures.ALICE;
import static dev.fabric.devnet.it.DevnetFixtures.BOB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.fabric.devnet.HydraDevnet;
import dev.fabric.devnet.head.DevnetConfig;
import dev.fabric.devnet.head.HeadPhase;
import dev.fabric.devnet.wallet.SignedTx;
import dev.fabric.devnet.wallet.TxDraft;
import dev.fabric.hydra.api.ClientInput;
import dev.fabric.hydra.api.ConfirmedSnapshot;
import dev.fabric.hydra.api.HeadStatus;
import dev.fabric.hydra.api.TxIn;
import dev.fabric.hydra.api.TxOut;
import dev.fabric.hydra.api.Utxo;
import dev.fabric.hydra.api.Value;
import dev.fabric.hydra.client.HeadConnection;
import dev.fabric.hydra.client.HydraHttpClient;
import dev.fabric.hydra.client.Submission;
import dev.fabric.hydra.client.TxSubmitter;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Idle → Open (Init) → deposit → transactions → Closed → ReadyToFanout → Finalized, through the hydra-client. */
class HeadLifecycleTest {

    @Test
    void shouldRunAHeadFromInitToFanout() {
        DevnetConfig config = DevnetConfig.defaults().withContestationPeriod(Duration.ofSeconds(1));
        try (HydraDevnet devnet = HydraDevnet.start(config);
             FrameRecorder recorder = FrameRecorder.connect(devnet.webSocketUri(), "history=yes");
             HeadConnection connection = DevnetFixtures.client(devnet)) {
            HydraHttpClient http = DevnetFixtures.http(devnet);
            assertThat(connection.start().join().status()).isEqualTo(HeadStatus.IDLE);

            connection.send(new ClientInput.Init()).join();
            await().atMost(Duration.ofSeconds(5)).until(() -> devnet.status() == HeadPhase.OPEN);

            TxIn deposited = new TxIn("22".repeat(32), 0);
            http.commit(Utxo.of(deposited, TxOut.of(ALICE.address(), Value.lovelace(50 * ADA))));
            await().atMost(Duration.ofSeconds(5)).until(() -> recorder.tags().contains("CommitFinalized"));
            assertThat(http.snapshotUtxo()).hasValueSatisfying(utxo -> assertThat(utxo.get(deposited)).isPresent());

            try (TxSubmitter submitter = DevnetFixtures.submitter(connection, http)) {
                SignedTx pay = new TxDraft().spend(deposited).pay(BOB.address(), 20 * ADA).pay(ALICE.address(), 30 * ADA).sign(ALICE);
                Submission submission = submitter.submit(pay.envelope());
                assertThat(submission.confirmed().join().txId()).isEqualTo(pay.txId());
                assertThat(http.snapshotUtxo().orElseThrow().get(pay.output(0)).orElseThrow().address()).isEqualTo(BOB.address());
                assertThat(http.snapshot()).hasValueSatisfying(s -> assertThat(s).isInstanceOf(ConfirmedSnapshot.Signed.class));
            }

            connection.send(new ClientInput.Close()).join();
            await().atMost(Duration.ofSeconds(5)).until(() -> recorder.tags().contains("ReadyToFanout"));
            connection.send(new ClientInput.Fanout()).join();
            await().atMost(Duration.ofSeconds(5)).until(() -> devnet.status() == HeadPhase.IDLE);

            assertThat(recorder.tags()).containsSubsequence("Greetings", "HeadIsOpen", "CommitRecorded", "DepositActivated",
                    "SnapshotConfirmed", "CommitApproved", "CommitFinalized", "TxValid", "SnapshotConfirmed",
                    "HeadIsClosed", "ReadyToFanout", "HeadIsFinalized");
            assertThat(recorder.tagged("HeadIsFinalized").get(0).path("finalizedUTxO").size()).isEqualTo(2);
            assertThat(recorder.schemaViolations()).isEmpty();
        }
    }

    @Test
    void shouldOpenWithTheInitialUtxoAsHydraNodesOfflineModeDoes() {
        try (HydraDevnet devnet = HydraDevnet.start(DevnetFixtures.fundedConfig());
             FrameRecorder recorder = FrameRecorder.connect(devnet.webSocketUri(), "history=yes")) {
            await().atMost(Duration.ofSeconds(5)).until(() -> recorder.tags().contains("Greetings"));

            assertThat(recorder.tags()).containsExactly("HeadIsOpen", "CommitRecorded", "DepositActivated",
                    "SnapshotConfirmed", "CommitApproved", "CommitFinalized", "Greetings");
            assertThat(recorder.tagged("CommitRecorded").get(0).path("pendingDeposit").asText()).isEqualTo("00".repeat(32));
            assertThat(recorder.tagged("SnapshotConfirmed").get(0).path("snapshot").path("utxo").size()).isEqualTo(8);
            assertThat(devnet.confirmedUtxo().size()).isEqualTo(8);
            assertThat(recorder.schemaViolations()).isEmpty();
        }
    }

    @Test
    void shouldAnswerCommandsThatDoNotApplyWithCommandFailed() {
        try (HydraDevnet devnet = HydraDevnet.start(DevnetFixtures.fundedConfig());
             FrameRecorder recorder = FrameRecorder.connect(devnet.webSocketUri(), "")) {
            await().atMost(Duration.ofSeconds(5)).until(() -> recorder.tags().contains("Greetings"));

            recorder.send("{\"tag\":\"Init\"}");
            recorder.send("{\"tag\":\"Fanout\"}");

            await().atMost(Duration.ofSeconds(5)).until(() -> recorder.tagged("CommandFailed").size() == 2);
            assertThat(recorder.tagged("CommandFailed")).extracting(f -> f.path("clientInput").path("tag").asText())
                    .containsExactly("Init", "Fanout");
            assertThat(recorder.tagged("CommandFailed").get(0).path("state").path("tag").asText()).isEqualTo("Open");
            assertThat(recorder.schemaViolations()).isEmpty();
        }
    }

    @Test
    void shouldReportTheGreetingsOfA2xNode() {
        try (HydraDevnet devnet = HydraDevnet.start(DevnetFixtures.fundedConfig());
             FrameRecorder recorder = FrameRecorder.connect(devnet.webSocketUri(), "snapshot-utxo=no")) {
            await().atMost(Duration.ofSeconds(5)).until(() -> recorder.tags().contains("Greetings"));

            var greetings = recorder.tagged("Greetings").get(0);
            assertThat(List.of(greetings.path("headStatus").asText(), greetings.path("hydraHeadId").asText()))
                    .containsExactly("Open", devnet.headId());
            assertThat(greetings.has("snapshotUtxo")).isFalse();
            assertThat(greetings.has("seq")).isFalse();
            assertThat(greetings.path("me").path("vkey").asText()).isEqualTo(devnet.nodeKey().vkeyHex());
            assertThat(recorder.schemaViolations()).isEmpty();
        }
    }
}
