package dev.fabric.ingest.it;

import static dev.fabric.ingest.MarketFixtures.*;
import static dev.fabric.plutus.Grid.*;
import static dev.fabric.ingest.it.DevnetGrid.collateralOf;
import static dev.fabric.ingest.it.DevnetGrid.fundsOf;
import static dev.fabric.ingest.it.DevnetGrid.submit;
import static dev.fabric.ingest.it.DevnetGrid.utxo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.bloxbean.cardano.client.api.model.Utxo;
import dev.fabric.devnet.HydraDevnet;
import dev.fabric.events.v1.bid.BidAccepted;
import dev.fabric.events.v1.bid.BidAwarded;
import dev.fabric.events.v1.bid.BidCancelled;
import dev.fabric.events.v1.bid.BidEvent;
import dev.fabric.events.v1.bid.BidOpened;
import dev.fabric.events.v1.dlq.DeadLetter;
import dev.fabric.events.v1.hydra.HeadEvent;
import dev.fabric.events.v1.hydra.L2Transaction;
import dev.fabric.events.v1.offer.OfferEvent;
import dev.fabric.events.v1.offer.OfferMade;
import dev.fabric.events.v1.offer.OfferUsed;
import dev.fabric.events.v1.offer.OfferWithdrawn;
import dev.fabric.hydra.api.SubmitTxResult;
import dev.fabric.hydra.api.TxIn;
import dev.fabric.ingest.adapter.head.HeadPipeline;
import dev.fabric.plutus.datum.BidDatum;
import dev.fabric.plutus.datum.Mode;
import dev.fabric.plutus.datum.OfferDatum;
import dev.fabric.plutus.datum.Request;
import dev.fabric.plutus.datum.Resources;
import dev.fabric.plutus.tx.SignedTransaction;
import dev.fabric.plutus.tx.SigningKey;
import dev.fabric.testkit.EmbeddedKafka;
import dev.fabric.testkit.TopicRecords;
import dev.fabric.testkit.WithEmbeddedKafka;
import dev.fabric.topics.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The market on a real devnet head, read by an ingest pipeline into a real broker: every bid and offer
 * transition of the plutus builders becomes its event; a fake offer and a malformed datum go to the DLQ.
 */
@WithEmbeddedKafka
class MarketEndToEndTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private HydraDevnet devnet;
    private HeadPipeline pipeline;
    private long now;

    @BeforeEach
    void start(EmbeddedKafka kafka) {
        devnet = DevnetGrid.startDevnet();
        pipeline = DevnetGrid.pipeline(kafka, devnet, "market-e2e-" + System.nanoTime());
        now = System.currentTimeMillis();
    }

    @AfterEach
    void stop() {
        pipeline.close();
        devnet.close();
    }

    private BidDatum bid(Mode mode) {
        Request request = new Request(2000, 4096, 20, 0, 3600, Optional.of("eu-west"), WORKLOAD.workloadHash());
        return new BidDatum(APP.keyHash(), request, 10 * ADA, 50 * ADA, mode, now + 3_600_000, Optional.of(ARBITER.keyHash()), List.of());
    }

    private SignedTransaction confirmed(SignedTransaction tx) {
        SubmitTxResult result = submit(devnet, tx);
        assertThat(result).as("node's verdict on %s", tx.txId())
                .isInstanceOfAny(SubmitTxResult.SubmitTxSubmitted.class, SubmitTxResult.SubmitTxConfirmed.class);
        await().atMost(WAIT).until(() -> devnet.confirmedUtxo().get(new TxIn(tx.txId(), 0)).isPresent());
        return tx;
    }

    private SignedTransaction openBid(Mode mode, int funds) {
        return confirmed(TXS.openBid(List.of(utxo(devnet, fundsOf(APP, funds))), bid(mode), Optional.of(WORKLOAD), APP)
                .complete(EVALUATOR));
    }

    private SignedTransaction offer(SignedTransaction bidTx, SigningKey operator, long price, int funds) {
        OfferDatum datum = new OfferDatum(ref(utxo(devnet, new TxIn(bidTx.txId(), 0))), operator.keyHash(), price,
                new Resources(4000, 8192, 50, 0), now + 7_200_000);
        return confirmed(TXS.makeOffer(List.of(utxo(devnet, fundsOf(operator, funds))), datum, operator).complete(EVALUATOR));
    }

    private Utxo out(SignedTransaction tx, int index) {
        return utxo(devnet, new TxIn(tx.txId(), index));
    }

    @Test
    void shouldPublishEveryBidAndOfferTransitionOfTheHead(EmbeddedKafka kafka) {
        SignedTransaction race = openBid(new Mode.Race(), 0);
        SignedTransaction accept = confirmed(TXS.raceAccept(out(race, 0), 20 * ADA, OPERATOR,
                utxo(devnet, collateralOf(OPERATOR)), now - 60_000, now + 60_000).complete(EVALUATOR));

        SignedTransaction auction = openBid(new Mode.Auction(60_000), 1);
        SignedTransaction winning = offer(auction, OPERATOR, 25 * ADA, 1);
        SignedTransaction losing = offer(auction, OTHER_OPERATOR, 30 * ADA, 1);
        SignedTransaction award = confirmed(TXS.award(out(auction, 0), out(winning, 0), ARBITER,
                utxo(devnet, collateralOf(ARBITER)), now - 60_000, now + 60_000).complete(EVALUATOR));
        SignedTransaction withdraw = confirmed(TXS.withdrawOffer(out(losing, 0), OTHER_OPERATOR,
                utxo(devnet, collateralOf(OTHER_OPERATOR))).complete(EVALUATOR));

        SignedTransaction cancelled = openBid(new Mode.Race(), 2);
        SignedTransaction cancel = confirmed(TXS.cancel(out(cancelled, 0), APP, utxo(devnet, collateralOf(APP))).complete(EVALUATOR));

        String raceRef = race.txId() + "#0";
        String auctionRef = auction.txId() + "#0";
        String cancelledRef = cancelled.txId() + "#0";
        List<ConsumerRecord<String, BidEvent>> bids = readKeyed(kafka, Topics.BIDS, List.of(raceRef, auctionRef, cancelledRef), 6);
        List<ConsumerRecord<String, OfferEvent>> offers = readKeyed(kafka, Topics.OFFERS, List.of(auctionRef), 4);
        assertThat(bids).extracting(ConsumerRecord::key)
                .containsExactlyInAnyOrder(raceRef, raceRef, auctionRef, auctionRef, cancelledRef, cancelledRef);
        assertThat(payloads(bids, raceRef)).satisfiesExactly(
                opened -> assertThat(((BidOpened) opened).getWorkload().getImage()).isEqualTo(WORKLOAD.image()),
                accepted -> {
                    assertThat(((BidAccepted) accepted).getOperatorId()).isEqualTo(OPERATOR.keyHash().hex());
                    assertThat(((BidAccepted) accepted).getLeaseRef()).isEqualTo(accept.txId() + "#0");
                });
        assertThat(payloads(bids, auctionRef)).satisfiesExactly(
                opened -> assertThat(opened).isInstanceOf(BidOpened.class),
                awarded -> {
                    assertThat(((BidAwarded) awarded).getOfferRef()).isEqualTo(winning.txId() + "#0");
                    assertThat(((BidAwarded) awarded).getPrice()).isEqualTo(25 * ADA);
                });
        assertThat(payloads(bids, cancelledRef)).satisfiesExactly(
                opened -> assertThat(opened).isInstanceOf(BidOpened.class),
                gone -> assertThat(((BidCancelled) gone).getRefundedLovelace()).isPositive());
        assertThat(bids).allSatisfy(r -> {
            assertThat(r.value().getChain().getHeadId()).isEqualTo(devnet.headId());
            assertThat(r.value().getChain().getSeq()).isPositive();
        });

        assertThat(offers).allSatisfy(r -> assertThat(r.key()).isEqualTo(auctionRef));
        assertThat(offers).extracting(r -> r.value().getPayload().getClass().getSimpleName())
                .containsExactly("OfferMade", "OfferMade", "OfferUsed", "OfferWithdrawn");
        assertThat(offers.get(2).value().getOfferRef()).isEqualTo(winning.txId() + "#0");
        assertThat(((OfferUsed) offers.get(2).value().getPayload()).getLeaseRef()).isEqualTo(award.txId() + "#0");
        assertThat(((OfferWithdrawn) offers.get(3).value().getPayload()).getOperatorId()).isEqualTo(OTHER_OPERATOR.keyHash().hex());
        assertThat(((OfferMade) offers.get(0).value().getPayload()).getPrice()).isEqualTo(25 * ADA);

        List<String> confirmedTxs = List.of(race.txId(), accept.txId(), auction.txId(), winning.txId(), losing.txId(),
                award.txId(), withdraw.txId(), cancelled.txId(), cancel.txId());
        await().atMost(WAIT).untilAsserted(() -> assertThat(
                TopicRecords.readToEnd(kafka.bootstrapServers(), Topics.L2_TRANSACTIONS, WAIT).stream()
                        .map(r -> r.value().getTxId()).filter(confirmedTxs::contains).toList())
                .containsExactlyInAnyOrderElementsOf(confirmedTxs));
        assertThat(TopicRecords.readToEnd(kafka.bootstrapServers(), Topics.L2_TRANSACTIONS, WAIT))
                .allSatisfy(r -> assertThat(r.key()).isEqualTo(devnet.headId()));
    }

    @Test
    void shouldDeadLetterAFakeOfferAndAMalformedDatumAndCarryOn(EmbeddedKafka kafka) {
        SignedTransaction auction = openBid(new Mode.Auction(60_000), 3);
        OfferDatum claimsOperator = new OfferDatum(ref(out(auction, 0)), OPERATOR.keyHash(), 20 * ADA,
                new Resources(4000, 8192, 50, 0), now + 7_200_000);
        SignedTransaction fake = confirmed(dev.fabric.plutus.tx.TransactionDraft.builder(PARAMS)
                .spend(utxo(devnet, fundsOf(STRANGER, 0)))
                .pay(output(TXS.scripts().offer().addressBech32(NETWORK), 100 * ADA, claimsOperator.toPlutusData()))
                .signWith(STRANGER)
                .build().complete(EVALUATOR));
        SignedTransaction garbage = confirmed(dev.fabric.plutus.tx.TransactionDraft.builder(PARAMS)
                .spend(utxo(devnet, fundsOf(APP, 4)))
                .pay(output(TXS.scripts().bid().addressBech32(NETWORK), 100 * ADA,
                        com.bloxbean.cardano.client.plutus.spec.BytesPlutusData.of("not a bid")))
                .signWith(APP)
                .build().complete(EVALUATOR));
        SignedTransaction after = offer(auction, OPERATOR, 22 * ADA, 2);

        List<ConsumerRecord<String, DeadLetter>> letters = readKeyed(kafka, Topics.DLQ, List.of(devnet.headId()), 2);
        assertThat(letters).extracting(r -> r.value().getReason()).satisfiesExactlyInAnyOrder(
                reason -> assertThat(reason).contains("fake offer").contains(fake.txId()),
                reason -> assertThat(reason).contains("BidDatum").contains(garbage.txId()));
        assertThat(letters).allSatisfy(r -> {
            assertThat(r.value().getService()).isEqualTo("bid-ingest");
            assertThat(r.value().getPayload()).isNotNull();
        });

        List<ConsumerRecord<String, OfferEvent>> offers = readKeyed(kafka, Topics.OFFERS, List.of(auction.txId() + "#0"), 1);
        assertThat(offers).singleElement().satisfies(r -> assertThat(r.value().getOfferRef()).isEqualTo(after.txId() + "#0"));
        List<ConsumerRecord<String, L2Transaction>> txs = readKeyed(kafka, Topics.L2_TRANSACTIONS, List.of(devnet.headId()), 4);
        assertThat(txs).extracting(r -> r.value().getTxId()).contains(fake.txId(), garbage.txId(), after.txId());
        List<ConsumerRecord<String, HeadEvent>> events = readKeyed(kafka, Topics.HYDRA_EVENTS, List.of(devnet.headId()), 5);
        assertThat(events).extracting(r -> r.value().getTag()).contains("HeadIsOpen", "SnapshotConfirmed");
    }

    /**
     * Every committed record under {@code keys}, once at least {@code atLeast} of them are there. Progress
     * marks, which have no key, are not among them (MarketProgressEndToEndTest asserts those).
     */
    private static <V extends org.apache.avro.specific.SpecificRecord> List<ConsumerRecord<String, V>> readKeyed(
            EmbeddedKafka kafka, dev.fabric.topics.Topic<String, V> topic, List<String> keys, int atLeast) {
        java.util.concurrent.atomic.AtomicReference<List<ConsumerRecord<String, V>>> found = new java.util.concurrent.atomic.AtomicReference<>();
        await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).until(() -> {
            found.set(TopicRecords.readToEnd(kafka.bootstrapServers(), topic, WAIT).stream()
                    .filter(r -> r.key() != null && keys.contains(r.key())).toList());
            return found.get().size() >= atLeast;
        });
        return found.get();
    }

    private static List<Object> payloads(List<ConsumerRecord<String, BidEvent>> records, String key) {
        return records.stream().filter(r -> r.key().equals(key)).map(r -> r.value().getPayload()).toList();
    }
}
