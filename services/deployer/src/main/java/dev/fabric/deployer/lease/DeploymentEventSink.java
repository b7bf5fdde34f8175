package dev.fabric.deployer.lease;

import dev.fabric.deployer.domain.DeploymentOutcome;
import java.util.Optional;

/**
 * Where deployment outcomes go ({@code fabric.deployments}). {@link #publish} returns only once the
 * outcome is durable and throws otherwise, so the lifecycle records progress only after it was
 * reported; a retried publish carries the same event id.
 */
public interface DeploymentEventSink {

    /** @param causationId id of the event that caused this outcome, when there is one */
    void publish(DeploymentOutcome outcome, Optional<String> causationId);
}
