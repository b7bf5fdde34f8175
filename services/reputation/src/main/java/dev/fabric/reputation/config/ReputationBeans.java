package dev.fabric.reputation.config;

import io.micrometer.core.instrument.MeterRegistry;
import dev.fabric.reputation.topology.ReputationMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/** Wires validated settings, the clock and the metrics for the topology and the API. */
@ApplicationScoped
public class ReputationBeans {

    /** Fails the start (Kafka Streams needs the topology, the topology needs this) on bad config. */
    @Produces
    @Singleton
    ReputationSettings settings(ReputationConfig config) {
        return ReputationSettings.from(config);
    }

    /** Read-time decay uses this clock; tests may replace it. */
    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    @Produces
    @Singleton
    ReputationMetrics metrics(MeterRegistry registry) {
        return new ReputationMetrics(registry);
    }
}
