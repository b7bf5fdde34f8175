package dev.fabric.auction.topology;

import dev.fabric.topics.Topics;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.processor.TaskId;

/**
 * Reads a task's input backlog from the stream consumer's {@code records-lag} metrics (updated with
 * every fetch), as exposed by {@code KafkaStreams#metrics()}. Missing metrics, e.g. before the first
 * fetch after an assignment, count as a backlog: the wall clock waits rather than guesses.
 */
public final class ConsumerLagBacklog implements InputBacklog {

    private static final String GROUP = "consumer-fetch-manager-metrics";
    private static final String LAG = "records-lag";

    private final Supplier<Map<MetricName, ? extends Metric>> metrics;

    /** @param metrics the application's metrics ({@code kafkaStreams::metrics}); may return null before it exists */
    public ConsumerLagBacklog(Supplier<Map<MetricName, ? extends Metric>> metrics) {
        this.metrics = metrics;
    }

    @Override
    public boolean pending(TaskId task) {
        Map<MetricName, ? extends Metric> all = metrics.get();
        if (all == null) {
            return true;
        }
        String partition = Integer.toString(task.partition());
        int known = 0;
        for (Map.Entry<MetricName, ? extends Metric> entry : all.entrySet()) {
            MetricName name = entry.getKey();
            if (!LAG.equals(name.name()) || !GROUP.equals(name.group()) || !partition.equals(name.tags().get("partition"))) {
                continue;
            }
            String topic = name.tags().get("topic");
            String client = name.tags().getOrDefault("client-id", "");
            if (!(Topics.BIDS.name().equals(topic) || Topics.OFFERS.name().equals(topic)) || client.endsWith("restore-consumer")) {
                continue;
            }
            Object lag = entry.getValue().metricValue();
            if (!(lag instanceof Double value) || value.isNaN() || value > 0) {
                return true;
            }
            known++;
        }
        return known < 2;
    }
}
