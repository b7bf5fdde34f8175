package dev.fabric.settlement.service;

import static dev.fabric.settlement.fixture.DevnetMarket.ADA;
import static dev.fabric.settlement.fixture.TestKeys.OPERATOR;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

import com.bloxbean.cardano.client.api.model.Utxo;
import dev.fabric.devnet.HydraDevnet;
import dev.fabric.devnet.quarkus.HydraDevnetResource;
import dev.fabric.devnet.quarkus.InjectHydraDevnet;
import dev.fabric.events.v1.settlement.AwardSubmitted;
import dev.fabric.events.v1.settlement.LeaseConfirmed;
import dev.fabric.events.v1.settlement.RefundConfirmed;
import dev.fabric.events.v1.settlement.SettlementEvent;
import dev.fabric.plutus.tx.SignedTransaction;
import dev.fabric.settlement.fixture.DevnetMarket;
import dev.fabric.settlement.fixture.Events;
import dev.fabric.settlement.fixture.L2Feed;
import dev.fabric.settlement.fixture.OfflineMarket;
import dev.fabric.settlement.fixture.TestKeys;
import dev.fabric.testkit.EmbeddedKafka;
import dev.fabric.testkit.EmbeddedKafkaTestResource;
import dev.fabric.testkit.TopicRecords;
import dev.fabric.topics.Topics;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The service as it runs: Quarkus wiring, configuration, the arbiter key file, Kafka Streams on a
 * real broker, the head adapter on a devnet. Confirmations come from records this test writes to
 * fabric.l2.transactions from the devnet's SnapshotConfirmed (bid-ingest's job).
 */
@QuarkusTest
@WithTestResource(EmbeddedKafkaTestResource.class)
@WithTestResource(value = HydraDevnetResource.class, initArgs = @ResourceArg(name = "initial-utxo", value = "devnet/settlement-utxo.json"))
class SettlementServiceTest {

    private static final long PRICE = 11 * ADA;

    @InjectHydraDevnet
    HydraDevnet devnet;

    EmbeddedKafka kafka;

    private DevnetMarket market;
    private L2Feed feed;

    @BeforeEach
    void connect() {
        market = DevnetMarket.attach(devnet);
        feed = L2Feed.toKafka(devnet, kafka.bootstrapServers());
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200));
    }

    @AfterEach
    void disconnect() {
        feed.close();
        market.close();
    }

    private List<SettlementEvent> settlementsOf(String bidRef) {
        return TopicRecords.readToEnd(kafka.bootstrapServers(), Topics.SETTLEMENTS, Duration.ofSeconds(30)).stream()
                .filter(r -> r.key().equals(bidRef)).map(ConsumerRecord::value).toList();
    }

    private <T> List<T> payloads(String bidRef, Class<T> type) {
        return settlementsOf(bidRef).stream().map(SettlementEvent::getPayload).filter(type::isInstance).map(type::cast).toList();
    }

    @Test
    void shouldAwardConfirmAndRefundThroughTheService() {
        long now = market.now();
        SignedTransaction open = market.openBid(0, OfflineMarket.auctionBid(now + 600_000, 3600));
        Utxo bid = OfflineMarket.output(open, 0);
        SignedTransaction offer = market.makeOffer(0, bid, OPERATOR, PRICE, now + 900_000);
        market.awaitConfirmed(List.of(open.txId(), offer.txId()), Duration.ofSeconds(20));
        String bidRef = open.txId() + "#0";

        TopicRecords.write(kafka.bootstrapServers(), Topics.AWARDS, Map.entry(bidRef,
                Events.auction(bidRef, offer.txId() + "#0", OPERATOR, PRICE, Instant.now(), Duration.ofMinutes(5))));

        await().atMost(Duration.ofSeconds(60)).until(() -> !payloads(bidRef, LeaseConfirmed.class).isEmpty());
        AwardSubmitted award = payloads(bidRef, AwardSubmitted.class).get(0);
        LeaseConfirmed lease = payloads(bidRef, LeaseConfirmed.class).get(0);
        assertThat(lease.getLeaseRef()).isEqualTo(award.getTxId() + "#0");
        assertThat(lease.getPrice()).isEqualTo(PRICE);
        assertThat(feed.spending(bidRef)).hasSize(1);

        TopicRecords.write(kafka.bootstrapServers(), Topics.DEPLOYMENTS, Map.entry(bidRef,
                Events.failed(bidRef, OPERATOR, Instant.now())));

        await().atMost(Duration.ofSeconds(60)).until(() -> !payloads(bidRef, RefundConfirmed.class).isEmpty());
        assertThat(payloads(bidRef, RefundConfirmed.class)).singleElement().satisfies(r -> {
            assertThat(r.getAmount()).isEqualTo(PRICE);
            assertThat(r.getAppPkh()).isEqualTo(TestKeys.APP.keyHash().hex());
        });
        assertThat(devnet.confirmedUtxo().totalLovelace()).isEqualTo(market.genesisLovelace());

        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("settlement_invariant_violations_total{rule=\"escrow_split\"} 0.0"))
                .body(containsString("settlement_invariant_checks_total{rule=\"escrow_split\"} 1.0"))
                .body(containsString("settlement_tx_complete_seconds_count{purpose=\"award\"}"));
    }

    @Test
    void shouldReportTheArbiterAsReadyOnTheHead() {
        given().get("/q/health/ready").then().statusCode(200)
                .body(containsString("settlement-head"))
                .body(containsString(TestKeys.ARBITER.keyHash().hex()));
    }
}
