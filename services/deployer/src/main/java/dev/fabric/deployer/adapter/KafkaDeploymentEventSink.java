package dev.fabric.deployer.adapter;

import dev.fabric.deployer.config.DeployerConfig;
import dev.fabric.deployer.domain.DeploymentOutcome;
import dev.fabric.deployer.lease.DeploymentEventSink;
import dev.fabric.events.v1.deployment.DeploymentEvent;
import dev.fabric.topics.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Optional;
import org.eclipse.microprofile.reactive.messaging.Channel;

/** Publishes deployment outcomes on {@code fabric.deployments}, keyed by bid, waiting for the broker's ack. */
@ApplicationScoped
public class KafkaDeploymentEventSink implements DeploymentEventSink {

    @Inject
    @Channel("deployments")
    MutinyEmitter<Record<String, byte[]>> emitter;

    @Inject
    EventCodecs codecs;

    @Inject
    DeployerConfig config;

    @Inject
    Clock clock;

    @Inject
    MeterRegistry metrics;

    @Override
    public void publish(DeploymentOutcome outcome, Optional<String> causationId) {
        DeploymentEvent event = DeploymentEvents.toEvent(outcome, config.operatorId(), causationId, clock.instant());
        emitter.sendAndAwait(Record.of(outcome.bidRef(), codecs.encode(Topics.DEPLOYMENTS, event)));
        metrics.counter("fabric.deployer.deployment.events", "kind", outcome.getClass().getSimpleName()).increment();
    }
}
