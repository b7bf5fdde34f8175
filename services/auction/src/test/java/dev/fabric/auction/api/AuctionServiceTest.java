package dev.fabric.auction.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesRegex;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.fabric.auction.topology.AuctionStores;
import dev.fabric.events.v1.award.AuctionDecision;
import dev.fabric.events.v1.bid.BidEvent;
import dev.fabric.events.v1.bid.BidOpened;
import dev.fabric.events.v1.common.AllocationMode;
import dev.fabric.events.v1.common.ModeKind;
import dev.fabric.events.v1.dlq.DeadLetter;
import dev.fabric.events.v1.offer.OfferEvent;
import dev.fabric.testkit.CorpusTally;
import dev.fabric.testkit.EmbeddedKafka;
import dev.fabric.testkit.EventSamples;
import dev.fabric.testkit.TopicRecords;
import dev.fabric.topics.Topics;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.streams.state.HostInfo;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The packaged service against a real broker: events in, a decision out on fabric.awards (closed by
 * the wall clock, the head being quiet), the REST queries, health and metrics.
 */
@QuarkusTest
@WithTestResource(AuctionServiceTestResource.class)
class AuctionServiceTest {

    private static final String CLOSED_BID = EventSamples.ref(501, 0);
    private static final String OPEN_BID = EventSamples.ref(502, 0);
    private static final String OPERATOR_A = "0a".repeat(28);
    private static final String OPERATOR_B = "0b".repeat(28);

    private static final CorpusTally REST = new CorpusTally("auction-rest");

    EmbeddedKafka kafka;

    @AfterAll
    static void report() {
        REST.report();
    }

    @Inject
    PeerClient peers;

    @Test
    void shouldDecideServeQueriesAndReportHealthAndMetrics() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Instant past = now.minusSeconds(120);
        BidOpened shortWindow = BidOpened.newBuilder(EventSamples.bidOpened(ModeKind.AUCTION)).setDeadline(now.plusSeconds(600)).build();
        BidOpened longWindow = BidOpened.newBuilder(EventSamples.bidOpened(ModeKind.AUCTION))
                .setMode(AllocationMode.newBuilder().setKind(ModeKind.AUCTION).setWindowMs(3_600_000L).build())
                .setDeadline(now.plusSeconds(7200)).build();
        TopicRecords.write(kafka.bootstrapServers(), Topics.BIDS,
                Map.entry(CLOSED_BID, EventSamples.bidEvent(CLOSED_BID, shortWindow, null, past)),
                Map.entry(OPEN_BID, EventSamples.bidEvent(OPEN_BID, longWindow, null, now)));
        TopicRecords.write(kafka.bootstrapServers(), Topics.OFFERS,
                Map.entry(CLOSED_BID, offer(CLOSED_BID, 1, OPERATOR_A, 12_000_000, past.plusSeconds(5))),
                Map.entry(CLOSED_BID, offer(CLOSED_BID, 2, OPERATOR_B, 9_000_000, past.plusSeconds(6))),
                Map.entry(OPEN_BID, offer(OPEN_BID, 3, OPERATOR_A, 8_000_000, now.plusSeconds(1))),
                Map.entry(OPEN_BID, offer(OPEN_BID, 4, OPERATOR_B, -1, now.plusSeconds(2))));

        List<ConsumerRecord<String, AuctionDecision>> decisions =
                TopicRecords.read(kafka.bootstrapServers(), Topics.AWARDS, 1, Duration.ofSeconds(60));
        assertThat(decisions).singleElement().satisfies(record -> {
            assertThat(record.key()).isEqualTo(CLOSED_BID);
            assertThat(record.value().getWinnerOperatorId()).isEqualTo(OPERATOR_B);
            assertThat(record.value().getOccurredAt()).isEqualTo(past.plusSeconds(30));
        });
        List<ConsumerRecord<String, DeadLetter>> deadLetters = TopicRecords.read(kafka.bootstrapServers(), Topics.DLQ, 1, Duration.ofSeconds(30));
        assertThat(deadLetters).singleElement().satisfies(record -> assertThat(record.value().getReason()).contains("price must be >= 0"));

        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/auctions/{bidRef}", CLOSED_BID).then()
                .statusCode(200)
                .body("status", equalTo("AWARDED"))
                .body("rankingFinal", equalTo(true))
                .body("ranking[0].operatorId", equalTo(OPERATOR_B))
                .body("ranking[1].outcome", equalTo("OUTBID"))
                .body("offers.size()", equalTo(2)));
        given().get("/auctions/{bidRef}", OPEN_BID).then().statusCode(200)
                .body("status", equalTo("OPEN"))
                .body("rankingFinal", equalTo(false))
                .body("ranking[0].operatorId", equalTo(OPERATOR_A))
                .body("timeLeftMs", org.hamcrest.Matchers.greaterThan(3_000_000));
        given().get("/auctions/{bidRef}", EventSamples.ref(999, 0)).then().statusCode(404);
        given().get("/auctions?status=open").then().statusCode(200)
                .body("items.bidRef", equalTo(List.of(OPEN_BID)))
                .body("items[0].offerCount", equalTo(1))
                .body("unreachable.size()", equalTo(0));
        given().get("/auctions?status=awarded").then().statusCode(200).body("items.bidRef", equalTo(List.of(CLOSED_BID)));
        given().get("/auctions?status=bogus").then().statusCode(400);
        given().get("/operators/{id}/offers", OPERATOR_A).then().statusCode(200)
                .body("items.bidRef", equalTo(List.of(CLOSED_BID, OPEN_BID)))
                .body("items[0].outcome", equalTo("OUTBID"))
                .body("items[0].rank", equalTo(2))
                .body("items[1].auctionStatus", equalTo("OPEN"));

        // The path a peer takes when it forwards a query to the instance owning the key.
        AuctionView viaPeer = peers.get(new HostInfo("localhost", io.restassured.RestAssured.port), "/auctions/" + CLOSED_BID.replace("#", "%23"),
                new TypeReference<AuctionView>() { }).orElseThrow();
        assertThat(viaPeer.status()).isEqualTo("AWARDED");

        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().accept(ContentType.TEXT).get("/q/metrics").then().statusCode(200)
                .body(matchesRegex("(?s).*fabric_auction_decisions_total\\{mode=\"AUCTION\",rule=\"LowestPriceRule\",?} 1\\.0.*"))
                .body(containsString("fabric_auction_dead_letters_total"))
                .body(containsString("fabric_auction_open 1.0"));
        given().get("/q/openapi").then().statusCode(200).body(containsString("/operators/{operatorId}/offers"));
    }

    private static OfferEvent offer(String bidRef, int n, String operator, long price, Instant at) {
        var made = dev.fabric.events.v1.offer.OfferMade.newBuilder(EventSamples.offerMade(operator, price)).setExpiry(at.plusSeconds(86_400))
                .build();
        return EventSamples.offerEvent(bidRef, EventSamples.ref(600 + n, 0), made, null, at);
    }

    /** The clock's changelog rolls small segments (AuctionStores.CLOCK_CHANGELOG); the others keep the broker's. */
    @Test
    void shouldKeepTheClockChangelogInSmallSegmentsAndTheOthersAtTheBrokerDefault() {
        ConfigResource clock = changelog(AuctionStores.CLOCK);
        ConfigResource bids = changelog(AuctionStores.BIDS);
        String segment = AuctionStores.CLOCK_CHANGELOG.get(TopicConfig.SEGMENT_BYTES_CONFIG);
        try (Admin admin = Admin.create(kafka.clientConfig())) {
            Awaitility.await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() -> {
                Map<ConfigResource, Config> configs = admin.describeConfigs(List.of(clock, bids)).all().get();
                assertThat(configs.get(clock).get(TopicConfig.SEGMENT_BYTES_CONFIG).value()).isEqualTo(segment);
                assertThat(configs.get(bids).get(TopicConfig.SEGMENT_BYTES_CONFIG).value()).isNotEqualTo(segment);
            });
        }
    }

    private static ConfigResource changelog(String store) {
        return new ConfigResource(ConfigResource.Type.TOPIC, "fabric-auction-" + store + "-changelog");
    }

    /** Malformed query and path values (seeded): each gets a 400 carrying its reason, never a 404, 503 or 500. */
    @Test
    void shouldAnswerMalformedRequestsWithAClientError() {
        SplittableRandom random = new SplittableRandom(0xA0C7L);
        String[] limits = {"abc", "-1", "0", "99999999999999999999", "1.5", " 5", "0x10", "NaN", "1e3", "%00"};
        String[] statuses = {"bogus", "OPEN;", "awarded,expired", "\u0000", "opened", "any"};
        for (int i = 0; i < 120; i++) {
            io.restassured.response.Response response = switch (i % 3) {
                case 0 -> given().queryParam("limit", limits[random.nextInt(limits.length)]).get("/auctions");
                case 1 -> given().queryParam("status", statuses[random.nextInt(statuses.length)]).get("/auctions");
                default -> given().get("/auctions/{bidRef}", randomRef(random));
            };
            REST.tried();
            assertThat(response.statusCode()).as("request %d", i).isEqualTo(400);
            assertThat(response.jsonPath().getString("message")).as("request %d", i).isNotBlank();
            REST.rejected();
        }
    }

    private static String randomRef(SplittableRandom random) {
        StringBuilder ref = new StringBuilder();
        for (int n = random.nextInt(1, 200); n > 0; n--) {
            ref.append((char) random.nextInt(0x20, 0x2FF));
        }
        // Braces would be read as a path template by the client, not sent.
        return ref.toString().replace('{', '(').replace('}', ')');
    }
}
