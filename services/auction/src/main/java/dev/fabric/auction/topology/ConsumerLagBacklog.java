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
 * fetch after an assignment, count as a backlog: the wall clock waits rather than guesses. Records
 * already fetched but not yet processed do not show as lag; the task clock's quiet thresholds cover
 * those.
 */
public final class ConsumerLagBacklog implements InputBacklog {

    private static final String GROUP = "consumer-fetch-manager-metrics";
    private static final String LAG = "records-lag";
    private static final String BIDS = Topics.BIDS.name().replace('.', '_');
    private static final String OFFERS = Topics.OFFERS.name().replace('.', '_');

    /** Reading every metric of the application is not free; tasks asking within this long share one snapshot. */
    private static final long SNAPSHOT_MILLIS = 100;

    private final Supplier<Map<MetricName, ? extends Metric>> metrics;
    private volatile Snapshot snapshot = new Snapshot(Long.MIN_VALUE, null);

    private record Snapshot(long takenAtMillis, Map<MetricName, ? extends Metric> metrics) {
    }

    /** @param metrics the application's metrics ({@code kafkaStreams::metrics}); may return null before it exists */
    public ConsumerLagBacklog(Supplier<Map<MetricName, ? extends Metric>> metrics) {
        this.metrics = metrics;
    }

    @Override
    public boolean pending(TaskId task) {
        long now = System.currentTimeMillis();
        Snapshot current = snapshot;
        if (now - current.takenAtMillis() > SNAPSHOT_MILLIS || current.metrics() == null) {
            current = new Snapshot(now, metrics.get());
            snapshot = current;
        }
        Map<MetricName, ? extends Metric> all = current.metrics();
        if (all == null) {
            return true;
        }
        String partition = Integer.toString(task.partition());
        java.util.Set<String> known = new java.util.HashSet<>(2);
        for (Map.Entry<MetricName, ? extends Metric> entry : all.entrySet()) {
            MetricName name = entry.getKey();
            if (!LAG.equals(name.name()) || !GROUP.equals(name.group()) || !partition.equals(name.tags().get("partition"))) {
                continue;
            }
            // The consumer tags topics with '.' replaced by '_' (and, deprecated, also with the real name).
            String topic = name.tags().getOrDefault("topic", "").replace('.', '_');
            String client = name.tags().getOrDefault("client-id", "");
            if (!(BIDS.equals(topic) || OFFERS.equals(topic)) || client.endsWith("restore-consumer")) {
                continue;
            }
            Object lag = entry.getValue().metricValue();
            if (!(lag instanceof Double value) || value.isNaN() || value > 0) {
                return true;
            }
            known.add(topic);
        }
        return known.size() < 2;
    }
}
