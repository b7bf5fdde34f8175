package dev.fabric.ingest.corpus;

import static dev.fabric.ingest.MarketFixtures.NETWORK_ID;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fabric.events.v1.bid.BidEvent;
import dev.fabric.events.v1.bid.BidOpened;
import dev.fabric.events.v1.dlq.DeadLetter;
import dev.fabric.events.v1.hydra.L2Transaction;
import dev.fabric.hydra.api.HydraMessageCodec;
import dev.fabric.hydra.api.ServerOutput;
import dev.fabric.hydra.api.Snapshot;
import dev.fabric.hydra.api.TimedServerOutput;
import dev.fabric.hydra.api.Transaction;
import dev.fabric.ingest.adapter.head.HeadIngestion;
import dev.fabric.ingest.adapter.head.IngestMetrics;
import dev.fabric.ingest.adapter.kafka.HeadWork;
import dev.fabric.ingest.adapter.kafka.PendingRecord;
import dev.fabric.ingest.corpus.PoisonTransactions.HeadTx;
import dev.fabric.ingest.domain.head.HeadEvents;
import dev.fabric.ingest.domain.market.ConfirmedTxDecoder;
import dev.fabric.ingest.domain.market.FabricAddresses;
import dev.fabric.ingest.domain.market.OpenMarketOutputs;
import dev.fabric.ingest.domain.market.ProgressMarking;
import dev.fabric.testkit.CorpusTally;
import dev.fabric.topics.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Bad-input corpus at the head boundary (seeded): {@code SnapshotConfirmed} outputs whose confirmed
 * transactions mix real bid openings with poison (unparseable CBOR, bad hex, an unreadable datum, a
 * datum declaring 2^31 items). Each poison transaction must become a dead letter naming it, and
 * every good one in the same snapshot must still yield its transaction and its {@code BidOpened}.
 */
class SnapshotPoisonCorpusTest {

    private static final CorpusTally TALLY = new CorpusTally("bid-ingest-snapshots");
    private static final String HEAD = "cd".repeat(16);

    private final SplittableRandom random = new SplittableRandom(0x5A950L);

    @AfterAll
    static void report() {
        TALLY.report();
    }

    private static final FabricAddresses ADDRESSES = FabricAddresses.ofBlueprint(NETWORK_ID);

    private static HeadIngestion ingestion(List<HeadWork> written) {
        FabricAddresses addresses = ADDRESSES;
        HeadIngestion.SnapshotSource noNode = new HeadIngestion.SnapshotSource() {
            @Override
            public Optional<dev.fabric.hydra.api.ConfirmedSnapshot> snapshot() {
                return Optional.empty();
            }

            @Override
            public Optional<dev.fabric.hydra.api.Utxo> snapshotUtxo() {
                return Optional.empty();
            }
        };
        return new HeadIngestion("corpus-node", new ConfirmedTxDecoder(addresses, new OpenMarketOutputs()), addresses,
                new HeadEvents(new HydraMessageCodec()), written::add, () -> -1L, noNode,
                new IngestMetrics(new SimpleMeterRegistry(), Clock.systemUTC()).forHead("corpus-node"), Clock.systemUTC(),
                -1, null, -1, ProgressMarking.DEFAULT_INTERVAL);
    }

    @Test
    void shouldDeadLetterEveryPoisonTransactionAndStillOpenEveryGoodBid() {
        long seq = 100;
        for (int snapshot = 1; snapshot <= 60; snapshot++) {
            List<HeadTx> good = PoisonTransactions.goodOnes(random);
            List<HeadTx> poison = new ArrayList<>();
            for (int n = 1 + random.nextInt(4); n > 0; n--) {
                poison.add(PoisonTransactions.poison(random, snapshot * 10 + n));
            }
            List<HeadTx> confirmed = new ArrayList<>(good);
            confirmed.addAll(poison);
            Collections.shuffle(confirmed, new Random(random.nextLong()));
            List<HeadWork> written = new ArrayList<>();

            seq += 3;
            ingestion(written).onOutput(new TimedServerOutput(seq, Instant.parse("2026-01-01T00:00:00Z").plusSeconds(seq),
                    new ServerOutput.SnapshotConfirmed(HEAD, new Snapshot(HEAD, 0, snapshot,
                            confirmed.stream().map(tx -> Transaction.conway(tx.cborHex(), tx.txId())).toList(),
                            null, null, null, null), null)));

            assertThat(written).singleElement();
            List<PendingRecord> records = written.get(0).records();
            List<DeadLetter> letters = values(records, DeadLetter.class);
            List<String> published = values(records, L2Transaction.class).stream().map(L2Transaction::getTxId).toList();
            List<String> opened = values(records, BidEvent.class).stream()
                    .filter(e -> e.getPayload() instanceof BidOpened).map(BidEvent::getBidRef).toList();
            for (HeadTx tx : good) {
                assertThat(published).as("good tx in snapshot %d", snapshot).contains(tx.txId());
                assertThat(opened).contains(tx.txId() + "#0");
                TALLY.add("good-processed", 1);
            }
            assertThat(opened).hasSize(good.size());
            for (HeadTx tx : poison) {
                TALLY.tried();
                assertThat(letters).as("%s in snapshot %d", tx.kind(), snapshot)
                        .anySatisfy(letter -> {
                            assertThat(letter.getReason()).contains(tx.txId());
                            assertThat(letter.getReason()).doesNotContain("unexpected failure");
                            assertThat(letter.getService()).isEqualTo(ConfirmedTxDecoder.SERVICE);
                        });
                TALLY.rejected();
                TALLY.deadLettered();
            }
            assertThat(records).filteredOn(r -> r.topic().equals(Topics.DLQ)).hasSameSizeAs(letters);
        }
        assertThat(TALLY.count("dlq")).isEqualTo(TALLY.count("tried"));
    }

    private static <T> List<T> values(List<PendingRecord> records, Class<T> type) {
        return records.stream().map(PendingRecord::value).filter(type::isInstance).map(type::cast).toList();
    }
}
