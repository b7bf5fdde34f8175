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
import dev.fabric.testkit.EmbeddedKafka;
import dev.fabric.testkit.EmbeddedKafkaTestResource;
import dev.fabric.testkit.TopicRecords;
import dev.fabric.topics.Topics;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** The packaged service against a real embedded broker: scoring end to end, REST, DLQ, health, metrics. */
@QuarkusTest
@WithTestResource(EmbeddedKafkaTestResource.class)
class ReputationResourceIT {

    private static final String OP = "0d".repeat(28);
    private static final String BID = String.format("%064x#0", 77);

    EmbeddedKafka kafka;

    @Test
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

    private void writeRaw(String topic, String key, byte[] value) throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        }
    }
}
