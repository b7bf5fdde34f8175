package dev.fabric.deployer.support;

import dev.fabric.deployer.domain.DeploymentOutcome;
import dev.fabric.deployer.lease.DeploymentEventSink;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Keeps published outcomes in memory, in order. */
public final class RecordingEventSink implements DeploymentEventSink {

    private final List<DeploymentOutcome> published = new ArrayList<>();

    @Override
    public synchronized void publish(DeploymentOutcome outcome, Optional<String> causationId) {
        published.add(outcome);
    }

    public synchronized List<DeploymentOutcome> published() {
        return List.copyOf(published);
    }

    public synchronized <T extends DeploymentOutcome> List<T> of(Class<T> type) {
        return published.stream().filter(type::isInstance).map(type::cast).toList();
    }

    public synchronized void clear() {
        published.clear();
    }
}
