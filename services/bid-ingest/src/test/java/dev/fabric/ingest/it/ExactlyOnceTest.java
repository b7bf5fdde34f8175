package dev.fabric.ingest.it;

import static dev.fabric.plutus.Grid.ADA;
import static dev.fabric.ingest.it.DevnetGrid.PAYER;
import static dev.fabric.ingest.it.DevnetGrid.PAYER_GENESIS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.fabric.devnet.HydraDevnet;
import dev.fabric.devnet.wallet.SignedTx;
import dev.fabric.devnet.wallet.TxDraft;
import dev.fabric.events.v1.hydra.HeadEvent;
import dev.fabric.hydra.api.ServerOutput;
import dev.fabric.hydra.api.TimedServerOutput;
import dev.fabric.hydra.api.Transaction;
import dev.fabric.hydra.api.TxIn;
import dev.fabric.hydra.client.HeadConnection;
import dev.fabric.hydra.client.HeadConnectionConfig;
import dev.fabric.hydra.client.HeadListener;
import dev.fabric.hydra.client.HydraHttpClient;
import dev.fabric.ingest.adapter.head.HeadPipeline;
import dev.fabric.ingest.domain.head.HeadEvents;
import dev.fabric.testkit.EmbeddedKafka;
import dev.fabric.testkit.TopicRecords;
import dev.fabric.testkit.WithEmbeddedKafka;
import dev.fabric.topics.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Each confirmed transaction lands on {@code fabric.l2.transactions} exactly once (read_committed)
 * while, mid-stream, the WebSocket is cut, a second instance takes over and fences the first, the devnet
 * restarts, and the service restarts.
 */
@WithEmbeddedKafka
class ExactlyOnceTest {

    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final int CHAINS = 4;
    private static final int TXS_PER_CHAIN = 50;

    @Test
    void shouldHoldEachConfirmedTransactionExactlyOnceThroughDropsRestartsAndFencing(EmbeddedKafka kafka) throws Exception {
        String node = "exactly-once";
        try (HydraDevnet devnet = DevnetGrid.startDevnet()) {
            AtomicInteger confirmed = new AtomicInteger();
            ExecutorService load = Executors.newFixedThreadPool(CHAINS);
            HeadPipeline first = DevnetGrid.pipeline(kafka, devnet, node, 7);
            List<Future<?>> chains = new ArrayList<>();
            for (int c = 0; c < CHAINS; c++) {
                int chain = c;
                chains.add(load.submit(() -> payChain(devnet, chain, confirmed)));
            }

            awaitConfirmed(confirmed, 30);
            devnet.faults().dropConnections();

            awaitConfirmed(confirmed, 70);
            HeadPipeline second = DevnetGrid.pipeline(kafka, devnet, node, 7);   // fences the first

            awaitConfirmed(confirmed, 110);
            devnet.faults().restart();

            awaitConfirmed(confirmed, 150);
            devnet.faults().dropConnections();
            second.close();
            HeadPipeline third = DevnetGrid.pipeline(kafka, devnet, node, 7);

            for (Future<?> chain : chains) {
                chain.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            }
            load.shutdown();

            Truth truth = truth(devnet);
            assertThat(truth.txIds).hasSize(CHAINS * TXS_PER_CHAIN);
            await().atMost(WAIT).until(() -> third.status().committedSeq() >= truth.lastSeq && third.status().ready());
            // The first instance learns it was fenced at its next commit after the second took over.
            await().atMost(WAIT).until(() -> first.status().state().equals("FENCED"));
            third.close();
            first.close();

            List<String> published = TopicRecords.readToEnd(kafka.bootstrapServers(), Topics.L2_TRANSACTIONS, WAIT).stream()
                    .filter(r -> r.value().getHeadId().equals(devnet.headId()))
                    .map(r -> r.value().getTxId()).toList();
            assertThat(published).doesNotHaveDuplicates();
            assertThat(published).containsExactlyInAnyOrderElementsOf(truth.txIds);

            List<HeadEvent> events = TopicRecords.readToEnd(kafka.bootstrapServers(), Topics.HYDRA_EVENTS, WAIT).stream()
                    .map(r -> r.value()).filter(e -> e.getNodeId().equals(node)).toList();
            List<Long> outputSeqs = events.stream().filter(e -> !e.getTag().equals(HeadEvents.ALERT_TAG)).map(HeadEvent::getSeq).toList();
            assertThat(outputSeqs).doesNotHaveDuplicates().containsAll(truth.seqs);
        }
    }

    private static void awaitConfirmed(AtomicInteger confirmed, int atLeast) {
        await().atMost(WAIT).until(() -> confirmed.get() >= atLeast);
    }

    /** A chain of payments, each spending the previous one's output; waits for each confirmation, resubmits across faults. */
    private static void payChain(HydraDevnet devnet, int chain, AtomicInteger confirmed) {
        HydraHttpClient http = new HydraHttpClient(devnet.httpUri());
        TxIn current = new TxIn(PAYER_GENESIS, chain);
        for (int i = 0; i < TXS_PER_CHAIN; i++) {
            SignedTx tx = new TxDraft().spend(current).pay(PAYER.address(), 100 * ADA).sign(PAYER);
            TxIn next = tx.output(0);
            await().atMost(WAIT).pollInterval(Duration.ofMillis(50)).ignoreExceptions().until(() -> {
                if (devnet.confirmedUtxo().get(next).isPresent()) {
                    return true;
                }
                http.submitTransaction(Transaction.conway(tx.cborHex(), tx.txId()));
                return devnet.confirmedUtxo().get(next).isPresent();
            });
            confirmed.incrementAndGet();
            current = next;
        }
    }

    private record Truth(Set<String> txIds, Set<Long> seqs, long lastSeq) {
    }

    /** What the node itself confirmed: its full history, read by a separate client. */
    private static Truth truth(HydraDevnet devnet) {
        Set<String> txIds = ConcurrentHashMap.newKeySet();
        Set<Long> seqs = ConcurrentHashMap.newKeySet();
        try (HeadConnection recorder = new HeadConnection(HeadConnectionConfig.builder(devnet.webSocketUri())
                .history(true).snapshotUtxo(false).build())) {
            recorder.addListener(new HeadListener() {
                @Override
                public void onOutput(TimedServerOutput output) {
                    seqs.add(output.seq());
                    if (output.output() instanceof ServerOutput.SnapshotConfirmed snapshot) {
                        snapshot.snapshot().confirmed().forEach(tx -> txIds.add(tx.txId()));
                    }
                }
            });
            recorder.start().orTimeout(60, TimeUnit.SECONDS).join();
            return new Truth(Set.copyOf(txIds), Set.copyOf(seqs), recorder.lastSeq());
        }
    }
}
