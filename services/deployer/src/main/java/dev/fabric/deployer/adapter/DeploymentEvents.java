package dev.fabric.deployer.adapter;

import dev.fabric.deployer.domain.DeploymentOutcome;
import dev.fabric.events.EventIds;
import dev.fabric.events.v1.deployment.DeploymentEvent;
import dev.fabric.events.v1.deployment.Failed;
import dev.fabric.events.v1.deployment.FailureStage;
import dev.fabric.events.v1.deployment.Provisioning;
import dev.fabric.events.v1.deployment.Running;
import dev.fabric.events.v1.deployment.Terminated;
import dev.fabric.events.v1.deployment.TerminationReason;
import java.time.Instant;
import java.util.Optional;

/**
 * Deployment outcomes as {@code fabric.deployments} events. The event id hashes the operator, the
 * bid, the lease and what happened (kind, and stage or end reason), never the time or the free-text
 * reason: reporting the same thing again, after a crash or a redelivery, yields the same id.
 */
public final class DeploymentEvents {

    private DeploymentEvents() {
    }

    public static DeploymentEvent toEvent(DeploymentOutcome outcome, String operatorId, Optional<String> causationId, Instant observedAt) {
        return DeploymentEvent.newBuilder()
                .setEventId(eventId(outcome, operatorId))
                .setCausationId(causationId.orElse(null))
                .setBidRef(outcome.bidRef())
                .setOperatorId(operatorId)
                .setOccurredAt(observedAt)
                .setPayload(payload(outcome))
                .build();
    }

    public static String eventId(DeploymentOutcome outcome, String operatorId) {
        String what;
        if (outcome instanceof DeploymentOutcome.Failed failed) {
            what = "Failed/" + failed.stage();
        } else if (outcome instanceof DeploymentOutcome.Terminated terminated) {
            what = "Terminated/" + terminated.reason();
        } else {
            what = outcome.getClass().getSimpleName();
        }
        return EventIds.of("DeploymentEvent", operatorId, outcome.bidRef(), outcome.leaseRef(), what);
    }

    private static Object payload(DeploymentOutcome outcome) {
        if (outcome instanceof DeploymentOutcome.Provisioning p) {
            return Provisioning.newBuilder().setNamespace(p.namespace()).setLeaseRef(p.leaseRef()).build();
        }
        if (outcome instanceof DeploymentOutcome.Running r) {
            return Running.newBuilder().setNamespace(r.namespace()).setReadyReplicas(r.readyReplicas()).build();
        }
        if (outcome instanceof DeploymentOutcome.Failed f) {
            return Failed.newBuilder().setNamespace(f.namespace().orElse(null)).setStage(FailureStage.valueOf(f.stage().name()))
                    .setReason(f.reason()).build();
        }
        DeploymentOutcome.Terminated t = (DeploymentOutcome.Terminated) outcome;
        return Terminated.newBuilder().setNamespace(t.namespace()).setReason(TerminationReason.valueOf(t.reason().name())).build();
    }
}
