package dev.fabric.settlement.it;

import static dev.fabric.settlement.fixture.DevnetMarket.ADA;
import static dev.fabric.settlement.fixture.TestKeys.OPERATOR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.bloxbean.cardano.client.api.model.Utxo;
import dev.fabric.events.v1.settlement.AwardSubmitted;
import dev.fabric.events.v1.settlement.LeaseConfirmed;
import dev.fabric.events.v1.settlement.SettlementEvent;
import dev.fabric.plutus.tx.SignedTransaction;
import dev.fabric.settlement.adapter.HeadActivity;
import dev.fabric.settlement.domain.HeadAnswer;
import dev.fabric.settlement.domain.HeadCheck;
import dev.fabric.settlement.domain.SettlementTimings;
import dev.fabric.settlement.fixture.DevnetMarket;
import dev.fabric.settlement.fixture.Events;
import dev.fabric.settlement.fixture.L2Feed;
import dev.fabric.settlement.fixture.OfflineMarket;
import dev.fabric.settlement.fixture.RecordingHead;
import dev.fabric.settlement.fixture.SettlementApp;
import dev.fabric.settlement.fixture.TestHeads;
import dev.fabric.testkit.EmbeddedKafka;
import dev.fabric.testkit.TopicRecords;
import dev.fabric.testkit.WithEmbeddedKafka;
import dev.fabric.topics.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Crashes of the service around an Award, on a real broker (exactly-once v2) and a real devnet
 * whose snapshots are stalled so the Award stays pending across the crash. Whatever the moment of
 * death, the bid is awarded by exactly one confirmed transaction and each event appears once.
 */
@WithEmbeddedKafka
class CrashRecoveryTest {

    private static final SettlementTimings TIMINGS = new SettlementTimings(Duration.ofSeconds(2), Duration.ofSeconds(30),
            Duration.ZERO, Duration.ofMillis(200), Duration.ofSeconds(2), Duration.ofDays(90));
    private static final long PRICE = 12 * ADA;
    private static final AtomicInteger BIDS = new AtomicInteger();
    private static DevnetMarket market;
    private static L2Feed feed;
    private static TestHeads heads;
    private static String bootstrap;

    @BeforeAll
    static void start(EmbeddedKafka kafka) {
        bootstrap = kafka.bootstrapServers();
        market = DevnetMarket.start(10, "per-tx");
        feed = L2Feed.toKafka(market.devnet, bootstrap);
        heads = new TestHeads(market, Duration.ofMinutes(5), HeadActivity.NONE).ready();
    }

    @AfterAll
    static void stop() {
        feed.close();
        market.close();
    }

    @AfterEach
    void conserved() {
        market.devnet.faults().clear();
        assertThat(market.devnet.confirmedUtxo().totalLovelace()).isEqualTo(market.genesisLovelace());
    }

    private record Opened(String bidRef, String offerRef) {
    }

    private Opened openAuction() {
        int i = BIDS.getAndIncrement();
        long now = market.now();
        SignedTransaction open = market.openBid(i, OfflineMarket.auctionBid(now + 600_000, 60));
        Utxo bid = OfflineMarket.output(open, 0);
        SignedTransaction offer = market.makeOffer(i, bid, OPERATOR, PRICE, now + 900_000);
        market.awaitConfirmed(List.of(open.txId(), offer.txId()), Duration.ofSeconds(20));
        return new Opened(open.txId() + "#0", offer.txId() + "#0");
    }

    private void decide(Opened opened) {
        TopicRecords.write(bootstrap, Topics.AWARDS, Map.entry(opened.bidRef(),
                Events.auction(opened.bidRef(), opened.offerRef(), OPERATOR, PRICE, Instant.now(), Duration.ofMinutes(5))));
    }

    private static List<SettlementEvent> settlementsOf(String bidRef) {
        return TopicRecords.readToEnd(bootstrap, Topics.SETTLEMENTS, Duration.ofSeconds(30)).stream()
                .filter(r -> r.key().equals(bidRef)).map(ConsumerRecord::value).toList();
    }

    private static <T> List<T> payloads(List<SettlementEvent> events, Class<T> type) {
        return events.stream().map(SettlementEvent::getPayload).filter(type::isInstance).map(type::cast).toList();
    }

    @Test
    void shouldConfirmOneAwardWhenTheProcessDiesAfterTheHeadTookItButBeforeItsKafkaCommit() {
        Opened opened = openAuction();
        market.devnet.faults().stallSnapshots(Duration.ofMinutes(2));
        RecordingHead crashing = RecordingHead.crashingAfterTheHeadTakesAnAward(heads.head);
        SettlementApp first = SettlementApp.start(bootstrap, crashing, TIMINGS, true);

        decide(opened);
        await().atMost(Duration.ofSeconds(30)).until(first::died);
        first.close();
        String taken = crashing.answers(HeadAnswer.Accepted.class).get(0).tx().txId();
        assertThat(market.confirmed(taken)).isFalse();
        assertThat(settlementsOf(opened.bidRef())).isEmpty();

        RecordingHead recording = RecordingHead.recording(heads.head);
        try (SettlementApp second = SettlementApp.start(bootstrap, recording, TIMINGS)) {
            // The decision is read again and rebuilt into the same bytes; the node already has them.
            await().atMost(Duration.ofSeconds(30)).until(() -> !recording.answers(HeadAnswer.Conflicted.class).isEmpty());
            HeadAnswer.Conflicted conflict = recording.answers(HeadAnswer.Conflicted.class).get(0);
            assertThat(conflict.tx().txId()).isEqualTo(taken);
            assertThat(conflict.check()).isEqualTo(HeadCheck.PENDING);

            market.devnet.faults().clear();
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> !payloads(settlementsOf(opened.bidRef()), LeaseConfirmed.class).isEmpty());
        }

        List<SettlementEvent> events = settlementsOf(opened.bidRef());
        assertThat(payloads(events, AwardSubmitted.class)).singleElement().satisfies(a -> assertThat(a.getTxId()).isEqualTo(taken));
        assertThat(payloads(events, LeaseConfirmed.class)).singleElement()
                .satisfies(l -> assertThat(l.getLeaseRef()).isEqualTo(taken + "#0"));
        assertThat(feed.spending(opened.bidRef())).singleElement().satisfies(tx -> assertThat(tx.getTxId()).isEqualTo(taken));
    }

    @Test
    void shouldResubmitOnlyTheUnconfirmedAwardAfterTheProcessDiesWhileItIsPending() {
        Opened opened = openAuction();
        market.devnet.faults().stallSnapshots(Duration.ofMinutes(2));
        String taken;
        try (SettlementApp first = SettlementApp.start(bootstrap, heads.head, TIMINGS)) {
            decide(opened);
            await().atMost(Duration.ofSeconds(30)).until(() -> !payloads(settlementsOf(opened.bidRef()), AwardSubmitted.class).isEmpty());
            taken = payloads(settlementsOf(opened.bidRef()), AwardSubmitted.class).get(0).getTxId();
        }

        RecordingHead recording = RecordingHead.recording(heads.head);
        try (SettlementApp second = SettlementApp.start(bootstrap, recording, TIMINGS)) {
            // Restored from the changelog: no new build, only the same bytes again once the confirm timeout passed.
            await().atMost(Duration.ofSeconds(30)).until(() -> recording.calls.contains("resubmit"));
            assertThat(recording.calls).doesNotContain("submitAward");
            assertThat(recording.answers).allSatisfy(a -> assertThat(a).isInstanceOfSatisfying(HeadAnswer.Conflicted.class,
                    c -> assertThat(c.tx().txId()).isEqualTo(taken)));

            market.devnet.faults().clear();
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> !payloads(settlementsOf(opened.bidRef()), LeaseConfirmed.class).isEmpty());
        }

        List<SettlementEvent> events = settlementsOf(opened.bidRef());
        assertThat(payloads(events, AwardSubmitted.class)).hasSize(1);
        assertThat(payloads(events, LeaseConfirmed.class)).hasSize(1);
        assertThat(feed.spending(opened.bidRef())).hasSize(1);
    }

    @Test
    void shouldReportAnAwardConfirmedWhileNoInstanceWasRunning() {
        Opened opened = openAuction();
        market.devnet.faults().stallSnapshots(Duration.ofMinutes(2));
        String taken;
        try (SettlementApp first = SettlementApp.start(bootstrap, heads.head, TIMINGS)) {
            decide(opened);
            await().atMost(Duration.ofSeconds(30)).until(() -> !payloads(settlementsOf(opened.bidRef()), AwardSubmitted.class).isEmpty());
            taken = payloads(settlementsOf(opened.bidRef()), AwardSubmitted.class).get(0).getTxId();
        }
        market.devnet.faults().restart(); // the node comes back with the Award pending and confirms it
        market.awaitConfirmed(List.of(taken), Duration.ofSeconds(20));

        RecordingHead recording = RecordingHead.recording(heads.head);
        try (SettlementApp second = SettlementApp.start(bootstrap, recording, TIMINGS)) {
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> !payloads(settlementsOf(opened.bidRef()), LeaseConfirmed.class).isEmpty());
        }

        assertThat(recording.calls).doesNotContain("submitAward", "resubmit");
        assertThat(payloads(settlementsOf(opened.bidRef()), LeaseConfirmed.class)).hasSize(1);
        assertThat(feed.spending(opened.bidRef())).hasSize(1);
    }
}
