package dev.fabric.deployer.adapter;

import dev.fabric.deployer.lease.OwnReports;
import dev.fabric.deployer.recovery.EndedLeases;
import dev.fabric.deployer.recovery.LeasesEndedEarly;
import dev.fabric.events.v1.deployment.DeploymentEvent;
import dev.fabric.events.v1.deployment.Failed;
import dev.fabric.events.v1.deployment.Running;
import dev.fabric.events.v1.deployment.Terminated;
import dev.fabric.events.v1.deployment.TerminationReason;
import dev.fabric.topics.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * What this operator reported on {@code fabric.deployments}: which leases it tore down because they
 * ended ({@code Terminated(LEASE_ENDED)}), i.e. delivered and owed, and which ended before their time
 * ({@code Failed}, or {@code Terminated} for any other reason). A lease that failed or was never
 * provisioned is refunded to its app, not claimed, and must not be provisioned again by a repeated
 * confirmation; a restarted process tells them apart from this operator's own reports.
 */
public final class DeploymentHistory implements EndedLeases, LeasesEndedEarly, OwnReports {

    private final KeyedTopicReader reader;
    private final Function<byte[], DeploymentEvent> decoder;
    private final String operatorId;

    public DeploymentHistory(Map<String, Object> clientConfig, Function<byte[], DeploymentEvent> decoder, String operatorId,
                             Duration readTimeout) {
        this.reader = new KeyedTopicReader(clientConfig, readTimeout);
        this.decoder = decoder;
        this.operatorId = operatorId;
    }

    @Override
    public Set<String> endedNormally(Set<String> bidRefs, Instant since) {
        return reported(bidRefs, since, payload -> payload instanceof Terminated terminated
                && terminated.getReason() == TerminationReason.LEASE_ENDED);
    }

    @Override
    public Set<String> endedEarly(Set<String> bidRefs, Instant since) {
        return reported(bidRefs, since, DeploymentHistory::endsEarly);
    }

    /** One read of the topic for both kinds. */
    @Override
    public Found find(Set<String> bidRefs, Instant since) {
        Set<String> running = new HashSet<>();
        Set<String> endedEarly = new HashSet<>();
        for (DeploymentEvent event : ownReports(bidRefs, since)) {
            if (event.getPayload() instanceof Running) {
                running.add(event.getBidRef());
            } else if (endsEarly(event.getPayload())) {
                endedEarly.add(event.getBidRef());
            }
        }
        return new Found(running, endedEarly);
    }

    private static boolean endsEarly(Object payload) {
        return payload instanceof Failed
                || (payload instanceof Terminated terminated && terminated.getReason() != TerminationReason.LEASE_ENDED);
    }

    /** The bids among {@code bidRefs} for which this operator wrote a report {@code kind} accepts. */
    private Set<String> reported(Set<String> bidRefs, Instant since, Predicate<Object> kind) {
        Set<String> found = new HashSet<>();
        for (DeploymentEvent event : ownReports(bidRefs, since)) {
            if (kind.test(event.getPayload())) {
                found.add(event.getBidRef());
            }
        }
        return found;
    }

    /** This operator's reports about {@code bidRefs} (under their own key) since {@code since}. */
    private List<DeploymentEvent> ownReports(Set<String> bidRefs, Instant since) {
        List<DeploymentEvent> own = new ArrayList<>();
        for (KeyedTopicReader.Keyed<DeploymentEvent> record : reader.read(Topics.DEPLOYMENTS.name(), bidRefs, since, decoder)) {
            DeploymentEvent event = record.value();
            if (operatorId.equals(event.getOperatorId()) && record.key().equals(event.getBidRef())) {
                own.add(event);
            }
        }
        return own;
    }
}
