package dev.fabric.deployer.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fabric.deployer.domain.DeploymentOutcome;
import dev.fabric.deployer.domain.FailureStage;
import dev.fabric.deployer.domain.EndReason;
import dev.fabric.deployer.support.Fixtures;
import dev.fabric.events.v1.deployment.DeploymentEvent;
import dev.fabric.testkit.EmbeddedKafka;
import dev.fabric.testkit.EventSamples;
import dev.fabric.testkit.TopicRecords;
import dev.fabric.testkit.WithEmbeddedKafka;
import dev.fabric.topics.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.junit.jupiter.api.Test;

@WithEmbeddedKafka
class DeploymentHistoryTest {

    private static DeploymentHistory history(EmbeddedKafka kafka) {
        var serde = Topics.DEPLOYMENTS.valueSerde();
        return new DeploymentHistory(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                bytes -> serde.deserializer().deserialize(Topics.DEPLOYMENTS.name(), bytes), Fixtures.ME, Duration.ofSeconds(20));
    }

    @Test
    void shouldFindTheLeasesThisOperatorReportedEndedNormally(EmbeddedKafka kafka) {
        String delivered = EventSamples.ref(61, 0);
        String failed = EventSamples.ref(62, 0);
        String othersLease = EventSamples.ref(63, 0);
        String refunded = EventSamples.ref(64, 0);
        write(kafka, delivered, new DeploymentOutcome.Provisioning(delivered, Fixtures.leaseRef(61), "fabric-a"), Fixtures.ME);
        write(kafka, delivered, new DeploymentOutcome.Terminated(delivered, Fixtures.leaseRef(61), "fabric-a", EndReason.LEASE_ENDED), Fixtures.ME);
        write(kafka, failed, new DeploymentOutcome.Terminated(failed, Fixtures.leaseRef(62), "fabric-b", EndReason.FAILED), Fixtures.ME);
        write(kafka, othersLease, new DeploymentOutcome.Terminated(othersLease, Fixtures.leaseRef(63), "fabric-c", EndReason.LEASE_ENDED),
                Fixtures.OTHER_OPERATOR);
        write(kafka, refunded, new DeploymentOutcome.Terminated(refunded, Fixtures.leaseRef(64), "fabric-d", EndReason.REFUNDED), Fixtures.ME);

        Set<String> ended = history(kafka).endedNormally(Set.of(delivered, failed, othersLease, refunded, EventSamples.ref(65, 0)),
                Instant.now().minus(Duration.ofMinutes(5)));

        assertThat(ended).containsExactly(delivered);
    }

    @Test
    void shouldFindTheLeasesThisOperatorReportedEndedBeforeTheirTime(EmbeddedKafka kafka) {
        String failedEarly = EventSamples.ref(71, 0);
        String refunded = EventSamples.ref(72, 0);
        String delivered = EventSamples.ref(73, 0);
        String othersFailure = EventSamples.ref(74, 0);
        String running = EventSamples.ref(75, 0);
        write(kafka, failedEarly, new DeploymentOutcome.Failed(failedEarly, Fixtures.leaseRef(71), Optional.empty(), FailureStage.VALIDATION,
                "port 80 is privileged"), Fixtures.ME);
        write(kafka, refunded, new DeploymentOutcome.Terminated(refunded, Fixtures.leaseRef(72), "fabric-f", EndReason.REFUNDED), Fixtures.ME);
        write(kafka, delivered, new DeploymentOutcome.Terminated(delivered, Fixtures.leaseRef(73), "fabric-g", EndReason.LEASE_ENDED), Fixtures.ME);
        write(kafka, othersFailure, new DeploymentOutcome.Failed(othersFailure, Fixtures.leaseRef(74), Optional.empty(), FailureStage.ROLLOUT,
                "image pull"), Fixtures.OTHER_OPERATOR);
        write(kafka, running, new DeploymentOutcome.Provisioning(running, Fixtures.leaseRef(75), "fabric-h"), Fixtures.ME);

        Set<String> early = history(kafka).endedEarly(Set.of(failedEarly, refunded, delivered, othersFailure, running),
                Instant.now().minus(Duration.ofMinutes(5)));

        assertThat(early).containsExactlyInAnyOrder(failedEarly, refunded);
    }

    @Test
    void shouldFindThisOperatorsRunningAndEarlyEndReportsInOneRead(EmbeddedKafka kafka) {
        String running = EventSamples.ref(81, 0);
        String failed = EventSamples.ref(82, 0);
        String provisioning = EventSamples.ref(83, 0);
        String othersRunning = EventSamples.ref(84, 0);
        write(kafka, running, new DeploymentOutcome.Running(running, Fixtures.leaseRef(81), "fabric-i", 2), Fixtures.ME);
        write(kafka, failed, new DeploymentOutcome.Failed(failed, Fixtures.leaseRef(82), Optional.of("fabric-j"), FailureStage.ROLLOUT,
                "image pull"), Fixtures.ME);
        write(kafka, provisioning, new DeploymentOutcome.Provisioning(provisioning, Fixtures.leaseRef(83), "fabric-k"), Fixtures.ME);
        write(kafka, othersRunning, new DeploymentOutcome.Running(othersRunning, Fixtures.leaseRef(84), "fabric-l", 1), Fixtures.OTHER_OPERATOR);

        var found = history(kafka).find(Set.of(running, failed, provisioning, othersRunning), Instant.now().minus(Duration.ofMinutes(5)));

        assertThat(found.running()).containsExactly(running);
        assertThat(found.endedEarly()).containsExactly(failed);
    }

    @Test
    void shouldNotLookBeforeTheGivenTime(EmbeddedKafka kafka) {
        String delivered = EventSamples.ref(66, 0);
        write(kafka, delivered, new DeploymentOutcome.Terminated(delivered, Fixtures.leaseRef(66), "fabric-e", EndReason.LEASE_ENDED), Fixtures.ME);

        assertThat(history(kafka).endedNormally(Set.of(delivered), Instant.now().plus(Duration.ofHours(1)))).isEmpty();
    }

    private static void write(EmbeddedKafka kafka, String bidRef, DeploymentOutcome outcome, String operatorId) {
        DeploymentEvent event = DeploymentEvents.toEvent(outcome, operatorId, Optional.empty(), Instant.now());
        TopicRecords.write(kafka.bootstrapServers(), Topics.DEPLOYMENTS, Map.entry(bidRef, event));
    }
}
