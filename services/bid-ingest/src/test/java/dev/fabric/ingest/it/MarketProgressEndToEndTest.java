package dev.fabric.ingest.it;

import static dev.fabric.ingest.MarketFixtures.*;
import static dev.fabric.plutus.Grid.*;
import static dev.fabric.ingest.it.DevnetGrid.fundsOf;
import static dev.fabric.ingest.it.DevnetGrid.submit;
import static dev.fabric.ingest.it.DevnetGrid.utxo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.fabric.devnet.HydraDevnet;
import dev.fabric.events.MarketProgressMarks;
import dev.fabric.events.v1.bid.BidEvent;
import dev.fabric.events.v1.bid.BidOpened;
import dev.fabric.events.v1.common.MarketProgress;
import dev.fabric.events.v1.hydra.HeadEvent;
import dev.fabric.events.v1.offer.OfferEvent;
import dev.fabric.hydra.api.SubmitTxResult;
import dev.fabric.hydra.api.TxIn;
import dev.fabric.ingest.adapter.head.HeadPipeline;
import dev.fabric.plutus.datum.BidDatum;
import dev.fabric.plutus.datum.Mode;
import dev.fabric.plutus.datum.Request;
import dev.fabric.plutus.tx.SignedTransaction;
import dev.fabric.testkit.EmbeddedKafka;
import dev.fabric.testkit.TopicRecords;
import dev.fabric.testkit.WithEmbeddedKafka;
import dev.fabric.topics.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * Progress marks on a real devnet head and broker (read_committed): a snapshot that opens one bid also
 * marks the five other bid partitions and all six offer partitions, in its own transaction. Its own
 * class (own broker): the devnet's head id repeats across devnets, and so would the marks' payloads.
 */
@WithEmbeddedKafka
class MarketProgressEndToEndTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void shouldMarkEveryMarketPartitionTheSnapshotLeftSilent(EmbeddedKafka kafka) {
        try (HydraDevnet devnet = DevnetGrid.startDevnet();
             HeadPipeline pipeline = DevnetGrid.pipeline(kafka, devnet, "progress-e2e")) {
            // The default interval (10 ms): the snapshot below comes long after any earlier one.
            await().atMost(WAIT).until(() -> pipeline.status().ready());
            SignedTransaction open = openOneBid(devnet);
            String bidRef = open.txId() + "#0";

            List<ConsumerRecord<String, BidEvent>> bids = await().atMost(WAIT).pollInterval(Duration.ofMillis(500))
                    .until(() -> TopicRecords.readToEnd(kafka.bootstrapServers(), Topics.BIDS, WAIT),
                            records -> records.stream().anyMatch(r -> bidRef.equals(r.key())));
            ConsumerRecord<String, BidEvent> opened = bids.stream().filter(r -> bidRef.equals(r.key())).findFirst().orElseThrow();
            assertThat(opened.value().getPayload()).isInstanceOf(BidOpened.class);
            long snapshot = opened.value().getChain().getSnapshotNumber();
            HeadEvent confirmed = TopicRecords.readToEnd(kafka.bootstrapServers(), Topics.HYDRA_EVENTS, WAIT).stream()
                    .map(ConsumerRecord::value)
                    .filter(e -> e.getTag().equals("SnapshotConfirmed") && e.getSeq() == opened.value().getChain().getSeq())
                    .findFirst().orElseThrow();

            List<ConsumerRecord<String, BidEvent>> bidMarks = bids.stream()
                    .filter(r -> MarketProgressMarks.isMark(r.value()) && ofSnapshot(r.value().getPayload(), devnet, snapshot))
                    .toList();
            int bidPartition = Topics.BIDS.partitionOf(bidRef);
            assertThat(opened.partition()).isEqualTo(bidPartition);
            assertThat(bidMarks).extracting(ConsumerRecord::partition).containsExactlyInAnyOrderElementsOf(
                    IntStream.range(0, Topics.BID_PARTITIONS).filter(p -> p != bidPartition).boxed().toList());
            assertThat(bidMarks).allSatisfy(r -> {
                assertThat(r.key()).isNull();
                assertThat(((MarketProgress) r.value().getPayload()).getPartition()).isEqualTo(r.partition());
                assertThat(r.value().getOccurredAt()).isEqualTo(opened.value().getOccurredAt()).isEqualTo(confirmed.getOccurredAt());
                assertThat(r.value().getCausationId()).isEqualTo(confirmed.getEventId());
                assertThat(r.value().getBidRef()).isEmpty();
            });

            List<ConsumerRecord<String, OfferEvent>> offerMarks = TopicRecords.readToEnd(kafka.bootstrapServers(), Topics.OFFERS, WAIT)
                    .stream().filter(r -> MarketProgressMarks.isMark(r.value()) && ofSnapshot(r.value().getPayload(), devnet, snapshot))
                    .toList();
            assertThat(offerMarks).extracting(ConsumerRecord::partition).containsExactlyInAnyOrderElementsOf(
                    IntStream.range(0, Topics.BID_PARTITIONS).boxed().toList());
            assertThat(offerMarks).allSatisfy(r -> {
                assertThat(r.key()).isNull();
                assertThat(((MarketProgress) r.value().getPayload()).getPartition()).isEqualTo(r.partition());
                assertThat(r.value().getOccurredAt()).isEqualTo(confirmed.getOccurredAt());
                assertThat(r.value().getCausationId()).isEqualTo(confirmed.getEventId());
            });
        }
    }

    private static boolean ofSnapshot(Object payload, HydraDevnet devnet, long snapshot) {
        return payload instanceof MarketProgress mark && mark.getHeadId().equals(devnet.headId())
                && mark.getSnapshotNumber() == snapshot;
    }

    private static SignedTransaction openOneBid(HydraDevnet devnet) {
        long now = System.currentTimeMillis();
        BidDatum bid = new BidDatum(APP.keyHash(), new Request(1000, 2048, 5, 0, 600, Optional.empty(), WORKLOAD.workloadHash()),
                10 * ADA, 40 * ADA, new Mode.Race(), now + 3_600_000, Optional.empty(), List.of());
        SignedTransaction open = TXS.openBid(List.of(utxo(devnet, fundsOf(APP, 0))), bid, Optional.of(WORKLOAD), APP)
                .complete(EVALUATOR);
        assertThat(submit(devnet, open)).isInstanceOfAny(SubmitTxResult.SubmitTxSubmitted.class, SubmitTxResult.SubmitTxConfirmed.class);
        await().atMost(WAIT).until(() -> devnet.confirmedUtxo().get(new TxIn(open.txId(), 0)).isPresent());
        return open;
    }
}
