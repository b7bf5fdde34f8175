package dev.fabric.reputation.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;

import dev.fabric.events.EventIds;
import dev.fabric.events.v1.award.AuctionDecision;
import dev.fabric.events.v1.common.ModeKind;
import dev.fabric.events.v1.deployment.DeploymentEvent;
import dev.fabric.events.v1.deployment.Running;
import dev.fabric.events.v1.dlq.DeadLetter;
import dev.fabric.events.v1.reputation.OperatorScore;
import dev.fabric.testkit.CorpusTally;
import dev.fabric.testkit.EmbeddedKafka;
import dev.fabric.testkit.EmbeddedKafkaTestResource;
import dev.fabric.testkit.TopicRecords;
import dev.fabric.topics.Topics;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The packaged service against a real embedded broker: scoring end to end, REST, DLQ, health, metrics;
 * then bad-input corpora over the same app (ordered: the first test counts every dead letter).
 */
@QuarkusTest
@WithTestResource(EmbeddedKafkaTestResource.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReputationResourceIT {

    private static final CorpusTally BROKER = new CorpusTally("reputation-broker-dlq");
    private static final CorpusTally REST = new CorpusTally("reputation-rest");

    private static final String OP = "0d".repeat(28);
    private static final String BID = String.format("%064x#0", 77);

    EmbeddedKafka kafka;

    @AfterAll
    static void report() {
        BROKER.report();
        REST.report();
    }

    @Test
    @Order(1)
    void shouldScoreExplainRankAndDeadLetterOverARealBroker() throws Exception {
        Instant awardedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS).minus(Duration.ofMinutes(3));
        AuctionDecision award = AuctionDecision.newBuilder().setEventId(EventIds.of("AuctionDecision", BID)).setBidRef(BID)
                .setOccurredAt(awardedAt).setMode(ModeKind.AUCTION).setRule("LowestPriceRule").setAppPkh("a1".repeat(28))
                .setWinnerOperatorId(OP).setPrice(9_000_000L).setWindowOpenedAt(awardedAt.minusSeconds(30))
                .setWindowClosedAt(awardedAt).setDeployDeadline(awardedAt.plus(Duration.ofMinutes(5))).setRanking(List.of()).build();
        DeploymentEvent running = DeploymentEvent.newBuilder().setEventId(EventIds.of("DeploymentEvent", BID, "Running"))
                .setBidRef(BID).setOperatorId(OP).setOccurredAt(awardedAt.plusSeconds(60))
                .setPayload(Running.newBuilder().setNamespace("fabric-77").setReadyReplicas(1).build()).build();

        TopicRecords.write(kafka.bootstrapServers(), Topics.AWARDS, Map.entry(BID, award));
        TopicRecords.write(kafka.bootstrapServers(), Topics.DEPLOYMENTS, Map.entry(BID, running));
        writeRaw(Topics.ATTESTATIONS.name(), OP, new byte[] {0x13, 0x37});

        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                given().get("/operators/{id}/reputation", OP).then().statusCode(200).body("counts.successes", is(1)));

        given().get("/operators/{id}/reputation", OP).then().statusCode(200)
                .body("operatorId", equalTo(OP))
                .body("scoreBps", greaterThan(1500))
                .body("scoreBps", lessThan(1582))
                .body("interval.level", is(0.95f))
                .body("evidence[0].kind", equalTo("SUCCESS"))
                .body("evidence[0].eventId", equalTo(running.getEventId()))
                .body("evidence[0].bidRef", equalTo(BID))
                .body("halfLifeMs", equalTo(Duration.ofDays(30).toMillis()));
        given().get("/operators?sort=score").then().statusCode(200)
                .body("operators[0].operatorId", equalTo(OP))
                .body("operators[0].rank", is(1))
                .body("unreachableInstances.size()", is(0));
        given().get("/operators/{id}/reputation", "ff".repeat(28)).then().statusCode(404);
        given().get("/operators?sort=price").then().statusCode(400);
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("fabric_reputation_scores_published_total"))
                .body(containsString("fabric_reputation_dead_letters_total"));

        List<ConsumerRecord<String, OperatorScore>> scores =
                TopicRecords.read(kafka.bootstrapServers(), Topics.REPUTATION_SCORES, 1, Duration.ofSeconds(30));
        assertThat(scores).singleElement().satisfies(r -> {
            assertThat(r.key()).isEqualTo(OP);
            assertThat(r.value().getSuccesses()).isEqualTo(1);
            assertThat(r.value().getScoreBps()).isEqualTo(1581);
        });
        List<ConsumerRecord<String, DeadLetter>> deadLetters =
                TopicRecords.read(kafka.bootstrapServers(), Topics.DLQ, 1, Duration.ofSeconds(30));
        assertThat(deadLetters).singleElement().satisfies(r -> {
            assertThat(r.value().getService()).isEqualTo("reputation");
            assertThat(r.value().getSourceTopic()).isEqualTo(Topics.ATTESTATIONS.name());
            assertThat(r.value().getReason()).contains("Cannot decode Attestation");
        });
    }

    /**
     * A seeded stream of good evidence (an award and its Running, per operator) interleaved with poison
     * on every input topic: noise, truncated and foreign-type bytes, tombstones, records without a key.
     * Every poison record must reach fabric.dlq with its reason, and every good operator be scored.
     */
    @Test
    @Order(2)
    void shouldDeadLetterEveryPoisonRecordAndScoreEveryGoodOperatorOverARealBroker() throws Exception {
        SplittableRandom random = new SplittableRandom(0xD1E5L);
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS).minus(Duration.ofMinutes(10));
        List<String> operators = new ArrayList<>();
        List<ProducerRecord<String, byte[]>> stream = new ArrayList<>();
        List<ProducerRecord<String, byte[]>> runnings = new ArrayList<>();
        for (int n = 0; n < 20; n++) {
            String op = String.format("%056x", 0xc0de00L + n);
            String bid = String.format("%064x#0", 0xb1d00L + n);
            operators.add(op);
            AuctionDecision award = AuctionDecision.newBuilder().setEventId(EventIds.of("AuctionDecision", bid)).setBidRef(bid)
                    .setOccurredAt(at).setMode(ModeKind.AUCTION).setRule("LowestPriceRule").setAppPkh("a1".repeat(28))
                    .setWinnerOperatorId(op).setPrice(9_000_000L).setWindowOpenedAt(at.minusSeconds(30)).setWindowClosedAt(at)
                    .setDeployDeadline(at.plus(Duration.ofMinutes(5))).setRanking(List.of()).build();
            DeploymentEvent running = DeploymentEvent.newBuilder().setEventId(EventIds.of("DeploymentEvent", bid, "Running"))
                    .setBidRef(bid).setOperatorId(op).setOccurredAt(at.plusSeconds(60))
                    .setPayload(Running.newBuilder().setNamespace("fabric-c" + n).setReadyReplicas(1).build()).build();
            stream.add(new ProducerRecord<>(Topics.AWARDS.name(), bid, Topics.AWARDS.valueSerde().serializer().serialize("", award)));
            runnings.add(new ProducerRecord<>(Topics.DEPLOYMENTS.name(), bid,
                    Topics.DEPLOYMENTS.valueSerde().serializer().serialize("", running)));
        }
        List<String> topics = List.of(Topics.AWARDS.name(), Topics.DEPLOYMENTS.name(), Topics.SETTLEMENTS.name(), Topics.ATTESTATIONS.name());
        byte[] someAward = stream.get(0).value();
        int poison = 0;
        List<ProducerRecord<String, byte[]>> all = new ArrayList<>(stream);
        all.addAll(runnings);
        List<ProducerRecord<String, byte[]>> mixed = new ArrayList<>();
        for (ProducerRecord<String, byte[]> good : all) {
            mixed.add(good);
            for (int k = random.nextInt(4); k > 0; k--, poison++) {
                String topic = topics.get(random.nextInt(topics.size()));
                String key = "poison-" + poison;
                int kind = random.nextInt(5);
                if (kind == 4) {
                    topic = Topics.AWARDS.name();
                }
                byte[] value = switch (kind) {
                    case 4 -> Topics.AWARDS.valueSerde().serializer().serialize("", AuctionDecision.newBuilder()
                            .setEventId(EventIds.of("AuctionDecision", key)).setBidRef(key).setOccurredAt(at)
                            .setMode(ModeKind.AUCTION).setRule("LowestPriceRule").setAppPkh("a1".repeat(28))
                            .setWinnerOperatorId(" ").setPrice(1L).setWindowOpenedAt(at).setWindowClosedAt(at)
                            .setDeployDeadline(at).setRanking(List.of()).build());
                    case 0 -> noise(random);
                    case 1 -> java.util.Arrays.copyOf(someAward, random.nextInt(someAward.length));
                    case 2 -> topic.equals(Topics.AWARDS.name()) ? noise(random) : someAward;
                    default -> null;
                };
                if (value != null && random.nextInt(5) == 0) {
                    key = null;
                }
                mixed.add(new ProducerRecord<>(topic, key, value));
            }
        }
        int expectedLetters = poison;
        BROKER.add("tried", all.size() + poison);
        BROKER.add("rejected", poison);
        try (KafkaProducer<String, byte[]> producer = rawProducer()) {
            for (ProducerRecord<String, byte[]> record : mixed) {
                producer.send(record).get();
            }
        }

        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            for (String op : operators) {
                given().get("/operators/{id}/reputation", op).then().statusCode(200).body("counts.successes", is(1));
            }
        });
        BROKER.add("good-processed", operators.size());
        List<ConsumerRecord<String, DeadLetter>> letters = TopicRecords.read(kafka.bootstrapServers(), Topics.DLQ,
                1 + expectedLetters, Duration.ofSeconds(60));
        List<DeadLetter> corpusLetters = letters.stream().map(ConsumerRecord::value)
                .filter(l -> l.getKey() == null || new String(l.getKey().array(), java.nio.charset.StandardCharsets.UTF_8).startsWith("poison-"))
                .toList();
        assertThat(corpusLetters).hasSize(expectedLetters).allSatisfy(letter -> {
            assertThat(letter.getService()).isEqualTo("reputation");
            assertThat(topics).contains(letter.getSourceTopic());
            assertThat(letter.getReason()).isNotBlank();
        });
        BROKER.add("dlq", corpusLetters.size());
    }

    /** Malformed path and query values: each must get a 4xx with a JSON error, never a 500. */
    @Test
    @Order(3)
    void shouldAnswerMalformedRequestsWithAClientError() {
        SplittableRandom random = new SplittableRandom(0x4E57L);
        // An empty value is not in the corpus: JAX-RS reads it as absent, and the default applies.
        String[] limits = {"abc", "-1", "0", "1001", "99999999999999999999", "1.5", " 5", "0x10", "NaN", "1e3"};
        String[] sorts = {"price", "SCORE", "score;drop", "%00", "\u0000", "score ", "rank"};
        for (int i = 0; i < 120; i++) {
            io.restassured.response.Response response;
            switch (i % 3) {
                case 0 -> response = given().urlEncodingEnabled(true).queryParam("limit", limits[random.nextInt(limits.length)])
                        .get("/operators");
                case 1 -> response = given().urlEncodingEnabled(true).queryParam("sort", sorts[random.nextInt(sorts.length)])
                        .get("/operators");
                default -> response = given().urlEncodingEnabled(true).get("/operators/{id}/reputation", randomId(random));
            }
            REST.tried();
            assertThat(response.statusCode()).as("request %d", i).isBetween(400, 499);
            if (i % 3 != 2) {
                assertThat(response.statusCode()).isEqualTo(400);
                assertThat(response.jsonPath().getString("error")).as("request %d", i).isNotBlank();
            }
            REST.rejected();
        }
    }

    private static String randomId(SplittableRandom random) {
        StringBuilder id = new StringBuilder();
        for (int n = random.nextInt(1, 300); n > 0; n--) {
            id.append((char) random.nextInt(0x20, 0x2FF));
        }
        // Braces would be read as a path template by the client, not sent.
        return id.toString().replace('{', '(').replace('}', ')');
    }

    private static byte[] noise(SplittableRandom random) {
        byte[] bytes = new byte[random.nextInt(1, 80)];
        random.nextBytes(bytes);
        return bytes;
    }

    private KafkaProducer<String, byte[]> rawProducer() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        return new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }

    private void writeRaw(String topic, String key, byte[] value) throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        }
    }
}
