package dev.fabric.ingest.it;

import static dev.fabric.plutus.Grid.ADA;
import static dev.fabric.ingest.it.DevnetGrid.PAYER;
import static dev.fabric.ingest.it.DevnetGrid.PAYER_GENESIS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.fabric.plutus.Grid;
import dev.fabric.devnet.HydraDevnet;
import dev.fabric.devnet.head.DevnetConfig;
import dev.fabric.devnet.wallet.SignedTx;
import dev.fabric.devnet.wallet.TxDraft;
import dev.fabric.events.v1.hydra.HeadEvent;
import dev.fabric.ingest.adapter.head.HeadPipeline;
import dev.fabric.ingest.domain.head.HeadEvents;
import dev.fabric.testkit.EmbeddedKafka;
import dev.fabric.testkit.FreePorts;
import dev.fabric.testkit.TopicRecords;
import dev.fabric.testkit.WithEmbeddedKafka;
import dev.fabric.topics.Topics;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Head epochs: the node's history is wiped (a new devnet on the same port: {@code seq} starts again),
 * and ingest raises a {@code SeqRegression} alert, resets its cursor and publishes the new epoch.
 */
@WithEmbeddedKafka
class HeadEpochTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void shouldAlertResetTheCursorAndPublishTheNewEpochAfterTheNodeWasWiped(EmbeddedKafka kafka) throws IOException {
        int port = freePort();
        DevnetConfig config = DevnetConfig.defaults().withPort(port)
                .withSystemStart(Instant.ofEpochMilli(Grid.ZERO_TIME_MS))
                .withInitialUtxo(DevnetGrid.initialUtxo());
        String node = "epoch-node";
        HeadPipeline pipeline;
        List<String> before;
        try (HydraDevnet first = HydraDevnet.start(config)) {
            pipeline = DevnetGrid.pipeline(kafka, first, node);
            before = pay(first, 0, 4);
            long lastSeq = first.lastSeq();
            await().atMost(WAIT).until(() -> pipeline.status().committedSeq() >= lastSeq - 1 && pipeline.status().ready());
        }
        List<String> after;
        try (HydraDevnet wiped = HydraDevnet.start(config)) {
            after = pay(wiped, 1, 1);
            await().atMost(WAIT).until(() -> l2TxIds(kafka).containsAll(after) && pipeline.status().ready());
        } finally {
            pipeline.close();
        }

        List<String> published = l2TxIds(kafka);
        assertThat(published).containsAll(before).containsAll(after).doesNotHaveDuplicates();
        List<HeadEvent> alerts = TopicRecords.readToEnd(kafka.bootstrapServers(), Topics.HYDRA_EVENTS, WAIT).stream()
                .map(r -> r.value())
                .filter(e -> e.getNodeId().equals(node) && e.getTag().equals(HeadEvents.ALERT_TAG)).toList();
        assertThat(alerts).extracting(HeadEvent::getRaw)
                .anySatisfy(raw -> assertThat(raw).contains("\"alert\":\"SeqRegression\"").contains("cursor reset"))
                .anySatisfy(raw -> assertThat(raw).contains("\"alert\":\"HeadIsOpen\""));
    }

    private static List<String> pay(HydraDevnet devnet, int chain, int count) {
        dev.fabric.hydra.api.TxIn current = new dev.fabric.hydra.api.TxIn(PAYER_GENESIS, chain);
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < count; i++) {
            SignedTx tx = new TxDraft().spend(current).pay(PAYER.address(), 100 * ADA).sign(PAYER);
            DevnetGrid.submit(devnet, tx.cborHex(), tx.txId());
            dev.fabric.hydra.api.TxIn next = tx.output(0);
            await().atMost(WAIT).until(() -> devnet.confirmedUtxo().get(next).isPresent());
            ids.add(tx.txId());
            current = next;
        }
        return ids;
    }

    private static List<String> l2TxIds(EmbeddedKafka kafka) {
        return TopicRecords.readToEnd(kafka.bootstrapServers(), Topics.L2_TRANSACTIONS, WAIT).stream()
                .map(r -> r.value().getTxId()).toList();
    }

    private static int freePort() throws IOException {
        return FreePorts.block(1);
    }
}
