package dev.fabric.auction.topology;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.processor.TaskId;
import org.junit.jupiter.api.Test;

class ConsumerLagBacklogTest {

    private static final TaskId TASK = new TaskId(0, 3);

    private final Map<MetricName, Metric> metrics = new LinkedHashMap<>();
    private final ConsumerLagBacklog backlog = new ConsumerLagBacklog(() -> metrics);

    private void lag(String client, String topic, int partition, double value) {
        MetricName name = new MetricName("records-lag", "consumer-fetch-manager-metrics", "",
                Map.of("client-id", client, "topic", topic, "partition", Integer.toString(partition)));
        metrics.put(name, new Metric() {
            @Override
            public MetricName metricName() {
                return name;
            }

            @Override
            public Object metricValue() {
                return value;
            }
        });
    }

    @Test
    void shouldSeeNoBacklogWhenBothInputPartitionsOfTheTaskAreCaughtUp() {
        lag("app-StreamThread-1-consumer", "fabric.bids", 3, 0);
        lag("app-StreamThread-1-consumer", "fabric.offers", 3, 0);
        lag("app-StreamThread-1-consumer", "fabric.offers", 4, 900);

        assertThat(backlog.pending(TASK)).isFalse();
    }

    @Test
    void shouldReadTheTopicTagsTheConsumerWritesWithUnderscores() {
        lag("app-StreamThread-1-consumer", "fabric_bids", 3, 0);
        lag("app-StreamThread-1-consumer", "fabric_offers", 3, 0);
        assertThat(backlog.pending(TASK)).isFalse();

        lag("app-StreamThread-1-consumer", "fabric.offers", 3, 7);

        assertThat(backlog.pending(TASK)).as("the deprecated, dotted twin reports lag").isTrue();
    }

    @Test
    void shouldSeeABacklogWhenEitherInputPartitionLags() {
        lag("app-StreamThread-1-consumer", "fabric.bids", 3, 0);
        lag("app-StreamThread-1-consumer", "fabric.offers", 3, 12);

        assertThat(backlog.pending(TASK)).isTrue();
    }

    @Test
    void shouldAssumeABacklogWhileTheLagIsUnknown() {
        lag("app-StreamThread-1-consumer", "fabric.bids", 3, 0);
        assertThat(backlog.pending(TASK)).as("offers partition not fetched yet").isTrue();
        lag("app-StreamThread-1-consumer", "fabric.offers", 3, Double.NaN);
        assertThat(backlog.pending(TASK)).isTrue();
        assertThat(new ConsumerLagBacklog(() -> null).pending(TASK)).isTrue();
    }

    @Test
    void shouldIgnoreTheRestoreConsumer() {
        lag("app-StreamThread-1-consumer", "fabric.bids", 3, 0);
        lag("app-StreamThread-1-consumer", "fabric.offers", 3, 0);
        lag("app-StreamThread-1-restore-consumer", "fabric.offers", 3, 50);

        assertThat(backlog.pending(TASK)).isFalse();
    }
}
