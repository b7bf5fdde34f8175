package dev.fabric.devnet.it;

import static dev.fabric.devnet.it.DevnetFixtures.ADA;
import static dev.fabric.devnet.it.DevnetFixtures.ALICE;
import static dev.fabric.devnet.it.DevnetFixtures.BOB;
import static dev.fabric.devnet.it.DevnetFixtures.genesis;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.fabric.devnet.HydraDevnet;
import dev.fabric.devnet.head.DevnetConfig;
import dev.fabric.devnet.wallet.SignedTx;
import dev.fabric.devnet.wallet.TxDraft;
import dev.fabric.hydra.api.TimedServerOutput;
import dev.fabric.hydra.client.HeadConnection;
import dev.fabric.hydra.client.HeadListener;
import dev.fabric.hydra.client.TxSubmitter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** History replay, de-duplication across reconnects, and restarts that keep {@code seq}. */
class ReconnectAndRestartTest {

    private static SignedTx payment(int genesisIndex) {
        return new TxDraft().spend(genesis(genesisIndex)).pay(BOB.address(), 40 * ADA).pay(ALICE.address(), 60 * ADA).sign(ALICE);
    }

    @Test
    void shouldReplayHistoryBeforeGreetingsWithGapsInSeq() {
        try (HydraDevnet devnet = HydraDevnet.start(DevnetFixtures.fundedConfig());
             HeadConnection connection = DevnetFixtures.client(devnet);
             TxSubmitter submitter = DevnetFixtures.submitter(connection, null)) {
            connection.start().join();
            submitter.submit(payment(0).envelope()).confirmed().join();

            try (FrameRecorder late = FrameRecorder.connect(devnet.webSocketUri(), "history=yes")) {
                await().atMost(Duration.ofSeconds(5)).until(() -> late.tags().contains("Greetings"));
                List<String> tags = late.tags();
                assertThat(tags.get(tags.size() - 1)).isEqualTo("Greetings");
                assertThat(tags).containsSubsequence("HeadIsOpen", "CommitFinalized", "TxValid", "SnapshotConfirmed");
                List<Long> seqs = late.seqs();
                assertThat(seqs).isSorted().doesNotHaveDuplicates();
                assertThat(seqs.get(seqs.size() - 1) - seqs.get(0)).isGreaterThan(seqs.size() - 1);
                assertThat(late.schemaViolations()).isEmpty();
            }
            try (FrameRecorder fresh = FrameRecorder.connect(devnet.webSocketUri(), "")) {
                await().atMost(Duration.ofSeconds(5)).until(() -> fresh.tags().contains("Greetings"));
                assertThat(fresh.tags()).containsExactly("Greetings");
            }
        }
    }

    @Test
    void shouldLetTheClientReconnectAndDedupeTheReplayedHistory() {
        try (HydraDevnet devnet = HydraDevnet.start(DevnetFixtures.fundedConfig());
             HeadConnection connection = DevnetFixtures.client(devnet);
             TxSubmitter submitter = DevnetFixtures.submitter(connection, null)) {
            List<Long> delivered = new CopyOnWriteArrayList<>();
            connection.addListener(new HeadListener() {
                @Override
                public void onOutput(TimedServerOutput output) {
                    delivered.add(output.seq());
                }
            });
            connection.start().join();
            submitter.submit(payment(0).envelope()).confirmed().join();

            devnet.faults().dropConnections();
            await().atMost(Duration.ofSeconds(10)).until(() -> connection.metrics().connectionsOpened() >= 2 && connection.isConnected());
            submitter.submit(payment(1).envelope()).confirmed().join();

            // listeners run one after the other: the submitter's may complete before this test's has seen the frame
            await().atMost(Duration.ofSeconds(5)).until(() -> delivered.get(delivered.size() - 1) == connection.lastSeq());
            assertThat(delivered).isSorted().doesNotHaveDuplicates();
            assertThat(connection.metrics().duplicatesDropped()).isGreaterThan(0);
        }
    }

    @Test
    void shouldContinueSeqAndStateAcrossRestartsFromTheDataDirectory(@TempDir Path dataDir) {
        DevnetConfig config = DevnetFixtures.fundedConfig().withDataDir(dataDir);
        SignedTx first = payment(0);
        long seqBefore;
        int port;
        try (HydraDevnet devnet = HydraDevnet.start(config);
             HeadConnection connection = DevnetFixtures.client(devnet);
             TxSubmitter submitter = DevnetFixtures.submitter(connection, null)) {
            connection.start().join();
            submitter.submit(first.envelope()).confirmed().join();
            seqBefore = devnet.lastSeq();
            port = devnet.port();

            devnet.faults().restart();

            assertThat(devnet.port()).isEqualTo(port);
            assertThat(devnet.lastSeq()).isEqualTo(seqBefore);
            assertThat(devnet.confirmedUtxo().get(first.output(0))).isPresent();
            await().atMost(Duration.ofSeconds(10)).until(() -> connection.metrics().connectionsOpened() >= 2 && connection.isConnected());
            SignedTx second = payment(1);
            long confirmedAt = submitter.submit(second.envelope()).confirmed().join().seq();
            assertThat(confirmedAt).isGreaterThan(seqBefore);
            seqBefore = devnet.lastSeq();
        }

        // A new process on the same data directory: same head, same UTxO, seq goes on.
        try (HydraDevnet again = HydraDevnet.start(config.withPort(port));
             FrameRecorder recorder = FrameRecorder.connect(again.webSocketUri(), "history=yes")) {
            assertThat(again.lastSeq()).isEqualTo(seqBefore);
            assertThat(again.confirmedUtxo().get(first.output(0))).isPresent();
            assertThat(again.confirmedUtxo().get(genesis(0))).isEmpty();
            await().atMost(Duration.ofSeconds(5)).until(() -> recorder.tags().contains("Greetings"));
            assertThat(recorder.tagged("HeadIsOpen")).hasSize(1);
            assertThat(recorder.tagged("TxValid")).hasSize(2);
            assertThat(recorder.schemaViolations()).isEmpty();
        }
    }

    @Test
    void shouldKeepPendingTransactionsOfAStalledHeadAcrossARestartInMemory() {
        try (HydraDevnet devnet = HydraDevnet.start(DevnetFixtures.fundedConfig());
             FrameRecorder before = FrameRecorder.connect(devnet.webSocketUri(), "")) {
            await().atMost(Duration.ofSeconds(5)).until(() -> before.tags().contains("Greetings"));
            devnet.faults().stallSnapshots(Duration.ofMinutes(5));
            SignedTx tx = payment(2);
            before.send("{\"tag\":\"NewTx\",\"transaction\":" + "{\"type\":\"Tx ConwayEra\",\"description\":\"\",\"cborHex\":\""
                    + tx.cborHex() + "\"}}");
            await().atMost(Duration.ofSeconds(5)).until(() -> before.tags().contains("TxValid"));
            long seq = devnet.lastSeq();

            devnet.faults().restart();

            await().atMost(Duration.ofSeconds(5)).until(before::closedByServer);
            // the stall is a fault switch and does not survive the restart: the pending tx gets its snapshot
            await().atMost(Duration.ofSeconds(5)).until(() -> devnet.confirmedUtxo().get(tx.output(0)).isPresent());
            assertThat(devnet.lastSeq()).isGreaterThan(seq);
        }
    }
}
