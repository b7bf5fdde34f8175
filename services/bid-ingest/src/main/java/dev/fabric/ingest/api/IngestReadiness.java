package dev.fabric.ingest.api;

import dev.fabric.ingest.IngestRuntime;
import dev.fabric.ingest.adapter.head.HeadStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only when every head is connected, its history replay is over and everything replayed is
 * committed. A fenced instance (another one took over its transactional id) stays not ready for good;
 * liveness is left to the defaults, so Kubernetes does not restart it into a fencing ping-pong.
 */
@Readiness
@ApplicationScoped
public class IngestReadiness implements HealthCheck {

    @Inject
    IngestRuntime runtime;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("bid-ingest heads caught up");
        boolean up = !runtime.status().isEmpty();
        for (HeadStatus head : runtime.status()) {
            up &= head.ready();
            response.withData(head.node(), head.state() + (head.connected() ? ", connected" : ", disconnected")
                    + (head.caughtUp() ? ", caught up" : ", catching up") + ", committed seq " + head.committedSeq()
                    + (head.problem() == null ? "" : ", " + head.problem()));
        }
        return response.status(up).build();
    }
}
