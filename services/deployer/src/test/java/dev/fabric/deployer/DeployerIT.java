package dev.fabric.deployer;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import dev.fabric.deployer.adapter.DeploymentEvents;
import dev.fabric.deployer.domain.DeploymentOutcome;
import dev.fabric.deployer.provisioning.model.LeaseNames;
import dev.fabric.deployer.support.Fixtures;
import dev.fabric.deployer.support.InMemoryHeadGateway;
import dev.fabric.deployer.support.InMemoryHeadProfile;
import dev.fabric.events.v1.award.AuctionDecision;
import dev.fabric.events.v1.bid.BidOpened;
import dev.fabric.events.v1.common.AllocationMode;
import dev.fabric.events.v1.common.ModeKind;
import dev.fabric.events.v1.common.ResourceRequest;
import dev.fabric.events.v1.common.WorkloadKind;
import dev.fabric.events.v1.common.WorkloadSpec;
import dev.fabric.events.v1.deployment.DeploymentEvent;
import dev.fabric.events.v1.deployment.Failed;
import dev.fabric.events.v1.deployment.FailureStage;
import dev.fabric.events.v1.deployment.Provisioning;
import dev.fabric.events.v1.deployment.Running;
import dev.fabric.events.v1.deployment.Terminated;
import dev.fabric.events.v1.deployment.TerminationReason;
import dev.fabric.events.v1.dlq.DeadLetter;
import dev.fabric.events.v1.settlement.LeaseConfirmed;
import dev.fabric.events.v1.settlement.LeaseSource;
import dev.fabric.testkit.EmbeddedKafka;
import dev.fabric.testkit.EmbeddedKafkaTestResource;
import dev.fabric.testkit.EventSamples;
import dev.fabric.testkit.TopicRecords;
import dev.fabric.topics.Topics;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * The deployer as it runs: real Kafka (embedded KRaft broker), a mock Kubernetes API server with two
 * nodes, and the in-memory head gateway. Each test uses its own bids.
 */
@QuarkusTest
@TestProfile(InMemoryHeadProfile.class)
@WithTestResource(EmbeddedKafkaTestResource.class)
@WithKubernetesTestServer(crud = true, setup = DeployerIT.TwoNodes.class)
class DeployerIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String GROUP = "fabric-deployer-" + Fixtures.ME;

    /** The cluster the operator sells: two ready nodes of 8 cores, 32 GiB and 200 GiB each. */
    public static class TwoNodes implements Consumer<KubernetesServer> {
        @Override
        public void accept(KubernetesServer server) {
            for (String name : List.of("node-a", "node-b")) {
                server.getClient().nodes().resource(new NodeBuilder().withNewMetadata().withName(name).endMetadata()
                        .withNewStatus().withAllocatable(Map.of("cpu", new Quantity("8"), "memory", new Quantity("32Gi"),
                                "ephemeral-storage", new Quantity("200Gi")))
                        .addNewCondition().withType("Ready").withStatus("True").endCondition().endStatus().build()).create();
            }
        }
    }

    EmbeddedKafka kafka;

    @KubernetesTestServer
    KubernetesServer server;

    @Inject
    InMemoryHeadGateway head;

    @Test
    void shouldOfferOnAnAuctionBidThenProvisionAndRunTheLeaseItWins() {
        String bid = EventSamples.ref(101, 0);
        writeBid(bid, bidOpened(ModeKind.AUCTION, List.of(), 8080));
        await().pollInSameThread().atMost(WAIT).until(() -> head.offers().stream().anyMatch(o -> o.bidRef().equals(bid)));

        writeLease(bid, Fixtures.ME, EventSamples.ref(201, 0), Instant.now(), 3600);

        String ns = LeaseNames.namespaceFor(bid);
        await().pollInSameThread().atMost(WAIT).until(() -> client().apps().deployments().inNamespace(ns).withName(LeaseNames.WORKLOAD).get() != null);
        await().pollInSameThread().atMost(WAIT).until(() -> payloads(bid).stream().anyMatch(p -> p instanceof Provisioning));
        client().apps().deployments().inNamespace(ns).withName(LeaseNames.WORKLOAD)
                .editStatus(d -> {
                    d.setStatus(new DeploymentStatusBuilder().withReadyReplicas(1).build());
                    return d;
                });
        await().pollInSameThread().atMost(WAIT).until(() -> payloads(bid).stream().anyMatch(p -> p instanceof Running));

        List<DeploymentEvent> events = events(bid);
        assertThat(events).extracting(e -> e.getPayload().getClass().getSimpleName()).containsExactly("Provisioning", "Running");
        assertThat(events).allSatisfy(e -> assertThat(e.getOperatorId()).isEqualTo(Fixtures.ME));
        assertThat(((Provisioning) events.get(0).getPayload()).getLeaseRef()).isEqualTo(EventSamples.ref(201, 0));
        assertThat(events.get(0).getCausationId()).isNotNull();
        given().get("/leases").then().statusCode(200)
                .body("find { it.bidRef == '" + bid + "' }.phase", equalTo("RUNNING"))
                .body("find { it.bidRef == '" + bid + "' }.namespace", equalTo(ns));
        given().get("/inventory").then().statusCode(200)
                .body("allocatable.cpuMillis", equalTo(16000))
                .body("holds.find { it.bidRef == '" + bid + "' }.kind", equalTo("LEASE"));
        given().get("/q/health/ready").then().statusCode(200);
    }

    @Test
    void shouldLeaveLeasesOfOtherOperatorsAlone() throws Exception {
        String bid = EventSamples.ref(102, 0);
        writeBid(bid, bidOpened(ModeKind.AUCTION, List.of(), 8080));

        RecordMetadata written = writeLease(bid, Fixtures.OTHER_OPERATOR, EventSamples.ref(202, 0), Instant.now(), 3600);

        awaitConsumed(written);
        assertThat(client().namespaces().withName(LeaseNames.namespaceFor(bid)).get()).isNull();
        assertThat(events(bid)).isEmpty();
    }

    @Test
    void shouldDeadLetterUndecodableInputAndKeepConsuming() {
        String bid = EventSamples.ref(103, 0);
        RecordMetadata poison = writeRaw(Topics.SETTLEMENTS.name(), bid, new byte[] {1, 2, 3});

        // Same key, so the same partition: consumed only after the poison record.
        writeLease(bid, Fixtures.ME, EventSamples.ref(203, 0), Instant.now(), 3600);

        await().pollInSameThread().atMost(WAIT).until(() -> deadLetters().stream().anyMatch(d -> d.getOffset() == poison.offset()
                && d.getPartition() == poison.partition() && d.getSourceTopic().equals(Topics.SETTLEMENTS.name())));
        DeadLetter letter = deadLetters().stream().filter(d -> d.getOffset() == poison.offset() && d.getPartition() == poison.partition()
                && d.getSourceTopic().equals(Topics.SETTLEMENTS.name())).findFirst().orElseThrow();
        assertThat(letter.getService()).isEqualTo("deployer");
        assertThat(letter.getReason()).contains("undecodable");
        // The lease after it was processed: its bid was never seen, which is reported, not dropped.
        await().pollInSameThread().atMost(WAIT).until(() -> payloads(bid).stream().anyMatch(p -> p instanceof Failed));
        Failed failed = (Failed) payloads(bid).get(0);
        assertThat(failed.getStage()).isEqualTo(FailureStage.PROVISIONING);
        assertThat(failed.getReason()).contains("not found");
    }

    @Test
    void shouldProvisionFromTheArchivedBidAndTerminateAndClaimAtLeaseEnd() {
        String bid = EventSamples.ref(104, 0);
        String lease = EventSamples.ref(204, 0);
        // Not answered by this process (only another operator may win it): the lease finds the bid on fabric.bids.
        writeBid(bid, bidOpened(ModeKind.RACE, List.of(Fixtures.OTHER_OPERATOR), 8080));

        writeLease(bid, Fixtures.ME, lease, Instant.now(), 4);

        await().pollInSameThread().atMost(WAIT).until(() -> payloads(bid).stream().anyMatch(p -> p instanceof Terminated));
        List<Object> payloads = payloads(bid);
        assertThat(payloads).first().isInstanceOf(Provisioning.class);
        assertThat(payloads).last().isInstanceOfSatisfying(Terminated.class,
                t -> assertThat(t.getReason()).isEqualTo(TerminationReason.LEASE_ENDED));
        assertThat(client().namespaces().withName(LeaseNames.namespaceFor(bid)).get()).isNull();
        assertThat(head.claims()).anySatisfy(c -> assertThat(c.leaseRef()).isEqualTo(lease));
        given().get("/inventory").then().statusCode(200).body("holds.findAll { it.bidRef == '" + bid + "' }.size()", equalTo(0));
    }

    @Test
    void shouldFailValidationWithoutCreatingAnything() {
        String bid = EventSamples.ref(105, 0);
        writeBid(bid, bidOpened(ModeKind.AUCTION, List.of(), 80));

        writeLease(bid, Fixtures.ME, EventSamples.ref(205, 0), Instant.now(), 3600);

        await().pollInSameThread().atMost(WAIT).until(() -> payloads(bid).stream().anyMatch(p -> p instanceof Failed));
        Failed failed = (Failed) payloads(bid).get(0);
        assertThat(failed.getStage()).isEqualTo(FailureStage.VALIDATION);
        assertThat(failed.getNamespace()).isNull();
        assertThat(failed.getReason()).contains("port 80 is privileged");
        assertThat(client().namespaces().withName(LeaseNames.namespaceFor(bid)).get()).isNull();
        assertThat(head.offers()).noneMatch(o -> o.bidRef().equals(bid));
    }

    @Test
    void shouldWithdrawAnOfferThatLostTheAuction() {
        String bid = EventSamples.ref(106, 0);
        writeBid(bid, bidOpened(ModeKind.AUCTION, List.of(), 8080));
        await().pollInSameThread().atMost(WAIT).until(() -> head.offers().stream().anyMatch(o -> o.bidRef().equals(bid)));

        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        // Built field by field: Avro's copying builder resolves classes through the generated classes'
        // shared model, which inside a @QuarkusTest may hand back another class loader's copy.
        AuctionDecision lost = AuctionDecision.newBuilder().setEventId("decision-" + bid).setBidRef(bid).setOccurredAt(now)
                .setMode(ModeKind.AUCTION).setRule("LowestPriceRule").setAppPkh(EventSamples.APP_PKH)
                .setWinnerOperatorId(Fixtures.OTHER_OPERATOR).setWinnerOfferRef(EventSamples.ref(306, 0)).setPrice(1_500_000L)
                .setWindowOpenedAt(now).setWindowClosedAt(now).setDeployDeadline(now.plusSeconds(300)).build();
        TopicRecords.write(kafka.bootstrapServers(), Topics.AWARDS, Map.entry(bid, lost));

        await().pollInSameThread().atMost(WAIT).until(() -> head.withdrawals().stream().anyMatch(w -> w.bidRef().equals(bid)));
        given().get("/inventory").then().statusCode(200).body("holds.findAll { it.bidRef == '" + bid + "' }.size()", equalTo(0));
    }

    @Test
    void shouldNotProvisionAgainALeaseAnEarlierRunSawFail() throws Exception {
        String bid = EventSamples.ref(107, 0);
        String lease = EventSamples.ref(207, 0);
        writeBid(bid, bidOpened(ModeKind.AUCTION, List.of(), 8080));
        // What the run before a restart reported: the rollout failed and the namespace was torn down.
        TopicRecords.write(kafka.bootstrapServers(), Topics.DEPLOYMENTS, Map.entry(bid, DeploymentEvents.toEvent(
                new DeploymentOutcome.Failed(bid, lease, Optional.of(LeaseNames.namespaceFor(bid)),
                        dev.fabric.deployer.domain.FailureStage.ROLLOUT, "image could not be pulled"),
                Fixtures.ME, Optional.empty(), Instant.now())));

        // Its confirmation delivered again, as after a crash before the offset was committed: the lease
        // began before this process and still has an hour to run.
        RecordMetadata written = writeLease(bid, Fixtures.ME, lease, Instant.now().minus(Duration.ofHours(1)), 7200);

        awaitConsumed(written);
        assertThat(client().namespaces().withName(LeaseNames.namespaceFor(bid)).get()).isNull();
        assertThat(payloads(bid)).singleElement().isInstanceOf(Failed.class);
    }

    private KubernetesClient client() {
        return server.getClient();
    }

    private static BidOpened bidOpened(ModeKind mode, List<String> allowedOperators, int port) {
        AllocationMode allocation = mode == ModeKind.RACE
                ? AllocationMode.newBuilder().setKind(mode).build()
                : AllocationMode.newBuilder().setKind(mode).setWindowMs(30_000L).build();
        return BidOpened.newBuilder().setAppPkh(EventSamples.APP_PKH)
                .setRequest(ResourceRequest.newBuilder().setCpuMillis(1000).setMemoryMiB(1024).setStorageGiB(1).setGpus(0)
                        .setDurationSeconds(3600).setRegion("eu-west").setWorkloadHash("5c".repeat(32)).build())
                .setMinPrice(1_000_000L).setMaxPrice(20_000_000L).setMode(allocation)
                .setDeadline(Instant.now().plus(10, ChronoUnit.MINUTES)).setArbiter(EventSamples.ARBITER)
                .setAllowedOperators(allowedOperators).setEscrowLovelace(22_000_000L)
                .setWorkload(WorkloadSpec.newBuilder().setKind(WorkloadKind.DEPLOYMENT).setImage("ghcr.io/acme/api:1.4.2")
                        .setArgs(List.of("--port", Integer.toString(port))).setEnv(Map.of("MODE", "test")).setPorts(List.of(port)).setReplicas(1).build())
                .build();
    }

    private void writeBid(String bid, BidOpened opened) {
        TopicRecords.write(kafka.bootstrapServers(), Topics.BIDS, Map.entry(bid, EventSamples.bidEvent(bid, opened, null, Instant.now())));
    }

    private RecordMetadata writeLease(String bid, String operator, String leaseRef, Instant start, long seconds) {
        LeaseConfirmed confirmed = LeaseConfirmed.newBuilder().setLeaseRef(leaseRef).setSource(LeaseSource.AWARD).setOperatorId(operator)
                .setAppPkh(EventSamples.APP_PKH).setPrice(2_000_000L).setStartAt(start.truncatedTo(ChronoUnit.MILLIS))
                .setDurationSeconds(seconds).setArbiter(EventSamples.ARBITER).build();
        return TopicRecords.write(kafka.bootstrapServers(), Topics.SETTLEMENTS,
                Map.entry(bid, EventSamples.settlementEvent(bid, confirmed, null, Instant.now()))).get(0);
    }

    private RecordMetadata writeRaw(String topic, String key, byte[] value) {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers", kafka.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            return producer.send(new ProducerRecord<>(topic, key, value)).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private List<DeploymentEvent> events(String bid) {
        return TopicRecords.readToEnd(kafka.bootstrapServers(), Topics.DEPLOYMENTS, Duration.ofSeconds(20)).stream()
                .filter(r -> bid.equals(r.key())).map(r -> r.value()).toList();
    }

    private List<Object> payloads(String bid) {
        return events(bid).stream().map(DeploymentEvent::getPayload).toList();
    }

    private List<DeadLetter> deadLetters() {
        return TopicRecords.readToEnd(kafka.bootstrapServers(), Topics.DLQ, Duration.ofSeconds(20)).stream().map(r -> r.value()).toList();
    }

    private void awaitConsumed(RecordMetadata written) throws Exception {
        TopicPartition tp = new TopicPartition(written.topic(), written.partition());
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            await().pollInSameThread().atMost(WAIT).until(() -> {
                Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(GROUP).partitionsToOffsetAndMetadata().get();
                OffsetAndMetadata committed = offsets.get(tp);
                return committed != null && committed.offset() > written.offset();
            });
        }
    }
}
