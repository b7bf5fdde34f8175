package dev.fabric.reputation.topology;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The service's own meters (Prometheus names in brackets): scores published
 * ({@code fabric_reputation_scores_published_total}), records dead-lettered by source topic
 * ({@code fabric_reputation_dead_letters_total}), evidence applied by kind
 * ({@code fabric_reputation_evidence_total}) and operators tracked by this instance
 * ({@code fabric_reputation_operators_tracked}, summed over its tasks).
 */
public final class ReputationMetrics {

    private final MeterRegistry registry;
    private final Counter scoresPublished;
    private final Map<String, Long> operatorsByTask = new ConcurrentHashMap<>();

    public ReputationMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.scoresPublished = Counter.builder("fabric.reputation.scores.published")
                .description("OperatorScore records written to fabric.reputation.scores").register(registry);
        Gauge.builder("fabric.reputation.operators.tracked", operatorsByTask,
                        m -> m.values().stream().mapToLong(Long::longValue).sum())
                .description("Operators whose scores this instance holds").register(registry);
    }

    public void scorePublished() {
        scoresPublished.increment();
    }

    public void deadLettered(String sourceTopic) {
        Counter.builder("fabric.reputation.dead.letters").description("Input records sent to fabric.dlq")
                .tag("source", sourceTopic).register(registry).increment();
    }

    public void evidenceApplied(String kind) {
        Counter.builder("fabric.reputation.evidence").description("Evidence applied to operator scores")
                .tag("kind", kind).register(registry).increment();
    }

    /** Called by each score task with the size of its store. */
    public void operatorsTracked(String taskId, long count) {
        operatorsByTask.put(taskId, count);
    }

    public double operatorsTracked() {
        return operatorsByTask.values().stream().mapToLong(Long::longValue).sum();
    }
}
