package dev.fabric.ingest.api;

import static dev.fabric.ingest.MarketFixtures.*;
import static dev.fabric.plutus.Grid.*;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.fabric.devnet.HydraDevnet;
import dev.fabric.hydra.api.SubmitTxResult;
import dev.fabric.ingest.it.IngestDevnetResource;
import dev.fabric.plutus.datum.BidDatum;
import dev.fabric.plutus.datum.Mode;
import dev.fabric.plutus.datum.Request;
import dev.fabric.plutus.tx.SignedTransaction;
import dev.fabric.testkit.EmbeddedKafka;
import dev.fabric.testkit.EmbeddedKafkaTestResource;
import dev.fabric.topics.Topics;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The service as deployed: config, start-up, readiness, status, metrics, and a bid end to end. */
@QuarkusTest
@WithTestResource(EmbeddedKafkaTestResource.class)
@WithTestResource(IngestDevnetResource.class)
class BidIngestServiceTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    EmbeddedKafka kafka;
    HydraDevnet devnet;

    @Test
    void shouldBecomeReadyOnceTheReplayIsCommittedAndPublishABid() {
        await().atMost(WAIT).untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200));
        given().get("/ingest/heads").then().statusCode(200)
                .body("[0].node", equalTo(IngestDevnetResource.NODE))
                .body("[0].state", equalTo("RUNNING"))
                .body("[0].caughtUp", equalTo(true));

        long now = System.currentTimeMillis();
        BidDatum bid = new BidDatum(APP.keyHash(), new Request(1000, 2048, 5, 0, 600, Optional.empty(), WORKLOAD.workloadHash()),
                10 * ADA, 40 * ADA, new Mode.Race(), now + 3_600_000, Optional.empty(), List.of());
        SignedTransaction open = TXS.openBid(List.of(dev.fabric.ingest.it.DevnetGridAccess.funds(devnet, APP, 5)), bid,
                Optional.of(WORKLOAD), APP).complete(EVALUATOR);
        assertThat(dev.fabric.ingest.it.DevnetGridAccess.submit(devnet, open)).isInstanceOf(SubmitTxResult.SubmitTxSubmitted.class);

        String bidRef = open.txId() + "#0";
        // Keys only: the test's Kafka consumer lives outside the application's class loader, where Avro
        // cannot bind the generated classes; the payloads are asserted by the pipeline end-to-end tests.
        await().atMost(WAIT).untilAsserted(() -> assertThat(keysOf(Topics.BIDS.name())).containsOnlyOnce(bidRef));
        given().get("/ingest/heads").then().body("[0].committedSeq", org.hamcrest.Matchers.greaterThan(0));

        await().atMost(WAIT).untilAsserted(() -> given().get("/q/metrics").then().statusCode(200)
                .body(containsString("fabric_ingest_transactions_total{node=\"" + IngestDevnetResource.NODE + "\"}"))
                .body(containsString("fabric_ingest_lag_seconds{node=\"" + IngestDevnetResource.NODE + "\"}"))
                .body(containsString("fabric_ingest_dead_letters_total"))
                .body(containsString("fabric_ingest_kafka_commits_total{node=\"" + IngestDevnetResource.NODE + "\"}"))
                .body(containsString("fabric_ingest_reconnects_total"))
                .body(containsString("fabric_ingest_head_alerts_total{kind=\"HeadIsOpen\"")));
    }

    private List<String> keysOf(String topic) {
        java.util.Properties props = new java.util.Properties();
        props.put("bootstrap.servers", kafka.bootstrapServers());
        props.put("isolation.level", "read_committed");
        props.put("enable.auto.commit", "false");
        List<String> keys = new java.util.ArrayList<>();
        try (var consumer = new org.apache.kafka.clients.consumer.KafkaConsumer<String, byte[]>(props,
                new org.apache.kafka.common.serialization.StringDeserializer(),
                new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
            var partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new org.apache.kafka.common.TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            var end = consumer.endOffsets(partitions);
            long deadline = System.currentTimeMillis() + 10_000;
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp)) && System.currentTimeMillis() < deadline) {
                consumer.poll(Duration.ofMillis(100)).forEach(r -> keys.add(r.key()));
            }
        }
        return keys;
    }
}
