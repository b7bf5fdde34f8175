package dev.fabric.reputation.topology;

import dev.fabric.events.EventIds;
import dev.fabric.events.v1.award.AuctionDecision;
import dev.fabric.events.v1.common.ModeKind;
import dev.fabric.events.v1.deployment.DeploymentEvent;
import dev.fabric.events.v1.deployment.Failed;
import dev.fabric.events.v1.deployment.FailureStage;
import dev.fabric.events.v1.deployment.Running;
import dev.fabric.events.v1.dlq.DeadLetter;
import dev.fabric.events.v1.reputation.Attestation;
import dev.fabric.events.v1.reputation.OperatorScore;
import dev.fabric.events.v1.settlement.ClaimConfirmed;
import dev.fabric.events.v1.settlement.RefundConfirmed;
import dev.fabric.events.v1.settlement.SettlementEvent;
import dev.fabric.reputation.config.ReputationSettings;
import dev.fabric.reputation.domain.AuditorDirectory;
import dev.fabric.reputation.domain.HalfLife;
import dev.fabric.reputation.domain.ScoringRules;
import dev.fabric.topics.Topic;
import dev.fabric.topics.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;

/** The reputation topology in a TopologyTestDriver, with builders for the events it reads. */
final class ReputationDriver implements AutoCloseable {

    static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    static final Duration GRACE = Duration.ofMinutes(1);
    static final Duration CHECK = Duration.ofSeconds(10);
    static final Duration PUBLISH = Duration.ofHours(1);

    final TopologyTestDriver driver;
    final ReputationMetrics metrics = new ReputationMetrics(new SimpleMeterRegistry());
    private final Path stateDir;
    private final TestInputTopic<String, AuctionDecision> awards;
    private final TestInputTopic<String, DeploymentEvent> deployments;
    private final TestInputTopic<String, SettlementEvent> settlements;
    private final TestInputTopic<String, Attestation> attestations;
    private final TestOutputTopic<String, OperatorScore> scores;
    private final TestOutputTopic<String, DeadLetter> deadLetters;

    ReputationDriver(TestAuditor... auditors) {
        ReputationSettings settings = new ReputationSettings(new ScoringRules(HalfLife.ofDays(30), 2.0, 2.0, 5),
                AuditorDirectory.parse(java.util.Arrays.stream(auditors).map(TestAuditor::configEntry).toList()),
                GRACE, CHECK, PUBLISH, Duration.ofDays(7), Duration.ofDays(400));
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "reputation-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
        try {
            stateDir = Files.createTempDirectory("reputation-ttd-");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(ReputationTopology.build(settings, Map.of(), metrics), props, T0);
        awards = input(Topics.AWARDS);
        deployments = input(Topics.DEPLOYMENTS);
        settlements = input(Topics.SETTLEMENTS);
        attestations = input(Topics.ATTESTATIONS);
        scores = driver.createOutputTopic(Topics.REPUTATION_SCORES.name(), Serdes.String().deserializer(),
                Topics.REPUTATION_SCORES.valueSerde().deserializer());
        deadLetters = driver.createOutputTopic(Topics.DLQ.name(), Serdes.String().deserializer(), Topics.DLQ.valueSerde().deserializer());
    }

    private <V extends SpecificRecord> TestInputTopic<String, V> input(Topic<String, V> topic) {
        return driver.createInputTopic(topic.name(), Serdes.String().serializer(), topic.valueSerde().serializer());
    }

    static String bid(int n) {
        return String.format("%064x#0", n);
    }

    static AuctionDecision award(String bidRef, String operatorId, Instant decidedAt, Instant deployDeadline) {
        return AuctionDecision.newBuilder().setEventId(EventIds.of("AuctionDecision", bidRef)).setBidRef(bidRef)
                .setOccurredAt(decidedAt).setMode(ModeKind.AUCTION).setRule("LowestPriceRule").setAppPkh("a1".repeat(28))
                .setWinnerOperatorId(operatorId).setPrice(9_000_000L).setWindowOpenedAt(decidedAt.minusSeconds(30))
                .setWindowClosedAt(decidedAt).setDeployDeadline(deployDeadline).setRanking(List.of()).build();
    }

    static DeploymentEvent running(String bidRef, String operatorId, Instant at) {
        return DeploymentEvent.newBuilder().setEventId(EventIds.of("DeploymentEvent", bidRef, "Running", at.toEpochMilli()))
                .setBidRef(bidRef).setOperatorId(operatorId).setOccurredAt(at)
                .setPayload(Running.newBuilder().setNamespace("fabric-x").setReadyReplicas(1).build()).build();
    }

    static DeploymentEvent failed(String bidRef, String operatorId, Instant at) {
        return DeploymentEvent.newBuilder().setEventId(EventIds.of("DeploymentEvent", bidRef, "Failed", at.toEpochMilli()))
                .setBidRef(bidRef).setOperatorId(operatorId).setOccurredAt(at)
                .setPayload(Failed.newBuilder().setStage(FailureStage.ROLLOUT).setReason("crash loop").build()).build();
    }

    static SettlementEvent claimed(String bidRef, String operatorId, Instant at, boolean early) {
        return SettlementEvent.newBuilder().setEventId(EventIds.of("SettlementEvent", bidRef, "ClaimConfirmed")).setBidRef(bidRef)
                .setOccurredAt(at).setPayload(ClaimConfirmed.newBuilder().setLeaseRef(bidRef).setOperatorId(operatorId)
                        .setAmount(9_000_000L).setEarly(early).build()).build();
    }

    static SettlementEvent refunded(String bidRef, Instant at) {
        return SettlementEvent.newBuilder().setEventId(EventIds.of("SettlementEvent", bidRef, "RefundConfirmed")).setBidRef(bidRef)
                .setOccurredAt(at).setPayload(RefundConfirmed.newBuilder().setLeaseRef(bidRef).setAppPkh("a1".repeat(28))
                        .setAmount(9_000_000L).setReason("deployment failed").build()).build();
    }

    void pipe(AuctionDecision award) {
        awards.pipeInput(award.getBidRef(), award, award.getOccurredAt());
    }

    void pipe(DeploymentEvent event) {
        deployments.pipeInput(event.getBidRef(), event, event.getOccurredAt());
    }

    void pipe(SettlementEvent event) {
        settlements.pipeInput(event.getBidRef(), event, event.getOccurredAt());
    }

    void pipe(Attestation attestation) {
        attestations.pipeInput(attestation.getOperatorId(), attestation, attestation.getOccurredAt());
    }

    void pipe(String key, Attestation attestation) {
        attestations.pipeInput(key, attestation, attestation.getOccurredAt());
    }

    void pipeRaw(String topic, String key, byte[] value, Instant at) {
        driver.createInputTopic(topic, Serdes.String().serializer(), Serdes.ByteArray().serializer()).pipeInput(key, value, at);
    }

    void pipeDeployment(String key, DeploymentEvent event) {
        deployments.pipeInput(key, event, event.getOccurredAt());
    }

    void advanceWallClock(Duration by) {
        driver.advanceWallClockTime(by);
    }

    List<OperatorScore> scores() {
        return scores.readValuesToList();
    }

    List<DeadLetter> deadLetters() {
        return deadLetters.readValuesToList();
    }

    KeyValueStore<String, OperatorRecord> scoreStore() {
        return driver.getKeyValueStore(ReputationTopology.SCORE_STORE);
    }

    @Override
    public void close() {
        driver.close();
        dev.fabric.reputation.topology.TestDirectories.delete(stateDir);
    }
}
