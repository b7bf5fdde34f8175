package dev.fabric.deployer.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fabric.deployer.domain.DeploymentOutcome;
import dev.fabric.deployer.domain.EndReason;
import dev.fabric.deployer.domain.FailureStage;
import dev.fabric.deployer.support.Fixtures;
import dev.fabric.events.v1.deployment.DeploymentEvent;
import dev.fabric.events.v1.deployment.Failed;
import dev.fabric.events.v1.deployment.Terminated;
import dev.fabric.events.v1.deployment.TerminationReason;
import dev.fabric.topics.Topics;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class DeploymentEventsTest {

    private static final String BID = Fixtures.bidRef(1);
    private static final String LEASE = Fixtures.leaseRef(1);

    @Test
    void shouldGiveTheSameEventIdWhenTheSameThingIsReportedAgain() {
        DeploymentOutcome first = new DeploymentOutcome.Failed(BID, LEASE, Optional.of("ns"), FailureStage.ROLLOUT, "1/2 ready");
        DeploymentOutcome again = new DeploymentOutcome.Failed(BID, LEASE, Optional.of("ns"), FailureStage.ROLLOUT, "0/2 ready");

        DeploymentEvent a = DeploymentEvents.toEvent(first, Fixtures.ME, Optional.empty(), Instant.EPOCH);
        DeploymentEvent b = DeploymentEvents.toEvent(again, Fixtures.ME, Optional.empty(), Instant.now());

        assertThat(a.getEventId()).isEqualTo(b.getEventId());
    }

    @Test
    void shouldGiveDistinctIdsToDistinctFacts() {
        Set<String> ids = Stream.of(
                        new DeploymentOutcome.Provisioning(BID, LEASE, "ns"),
                        new DeploymentOutcome.Running(BID, LEASE, "ns", 1),
                        new DeploymentOutcome.Failed(BID, LEASE, Optional.empty(), FailureStage.VALIDATION, "x"),
                        new DeploymentOutcome.Failed(BID, LEASE, Optional.empty(), FailureStage.ROLLOUT, "x"),
                        new DeploymentOutcome.Terminated(BID, LEASE, "ns", EndReason.FAILED),
                        new DeploymentOutcome.Terminated(BID, LEASE, "ns", EndReason.LEASE_ENDED),
                        new DeploymentOutcome.Provisioning(Fixtures.bidRef(2), Fixtures.leaseRef(2), "ns"))
                .map(o -> DeploymentEvents.eventId(o, Fixtures.ME)).collect(Collectors.toSet());

        assertThat(ids).hasSize(7);
        assertThat(DeploymentEvents.eventId(new DeploymentOutcome.Provisioning(BID, LEASE, "ns"), Fixtures.OTHER_OPERATOR))
                .isNotIn(ids);
    }

    @Test
    void shouldMapEveryOutcomeToAnEventThatRoundTrips() {
        DeploymentEvent failed = DeploymentEvents.toEvent(new DeploymentOutcome.Failed(BID, LEASE, Optional.empty(), FailureStage.VALIDATION,
                "bad image"), Fixtures.ME, Optional.of("cause-1"), Fixtures.T0);
        DeploymentEvent terminated = DeploymentEvents.toEvent(new DeploymentOutcome.Terminated(BID, LEASE, "ns", EndReason.REFUNDED),
                Fixtures.ME, Optional.empty(), Fixtures.T0);

        var serde = Topics.DEPLOYMENTS.valueSerde();
        DeploymentEvent decoded = serde.deserializer().deserialize("t", serde.serializer().serialize("t", failed));

        assertThat(decoded).isEqualTo(failed);
        assertThat(decoded.getCausationId()).isEqualTo("cause-1");
        assertThat(decoded.getBidRef()).isEqualTo(BID);
        assertThat((Failed) decoded.getPayload()).satisfies(f -> {
            assertThat(f.getNamespace()).isNull();
            assertThat(f.getStage()).isEqualTo(dev.fabric.events.v1.deployment.FailureStage.VALIDATION);
        });
        assertThat(((Terminated) terminated.getPayload()).getReason()).isEqualTo(TerminationReason.REFUNDED);
    }
}
