package dev.fabric.deployer.adapter;

import dev.fabric.deployer.recovery.EndedLeases;
import dev.fabric.events.v1.deployment.DeploymentEvent;
import dev.fabric.events.v1.deployment.Terminated;
import dev.fabric.events.v1.deployment.TerminationReason;
import dev.fabric.topics.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * What this operator reported on {@code fabric.deployments}: which leases it tore down because they
 * ended ({@code Terminated(LEASE_ENDED)}), i.e. delivered and owed. A lease that failed or was never
 * provisioned is refunded to its app, not claimed, so a restart must tell the two apart, and this
 * operator's own reports are the record of it.
 */
public final class DeploymentHistory implements EndedLeases {

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
        Set<String> ended = new HashSet<>();
        for (KeyedTopicReader.Keyed<DeploymentEvent> record : reader.read(Topics.DEPLOYMENTS.name(), bidRefs, since, decoder)) {
            DeploymentEvent event = record.value();
            if (operatorId.equals(event.getOperatorId()) && event.getPayload() instanceof Terminated terminated
                    && terminated.getReason() == TerminationReason.LEASE_ENDED && record.key().equals(event.getBidRef())) {
                ended.add(record.key());
            }
        }
        return ended;
    }
}
