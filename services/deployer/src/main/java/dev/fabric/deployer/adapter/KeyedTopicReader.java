package dev.fabric.deployer.adapter;

import dev.fabric.topics.Topic;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.jboss.logging.Logger;

/**
 * Reads the records of a few keys from a keyed topic, written since a point in time: only the
 * partitions those keys map to, with a group-less consumer that commits nothing. What the deployer
 * needs after a restart, when a lease names a bid it did not see (its {@code BidOpened}) or a lease
 * on the head must be checked against what this operator reported about it.
 */
final class KeyedTopicReader {

    private static final Logger LOG = Logger.getLogger(KeyedTopicReader.class);

    /** A decoded record, with where it was. */
    record Keyed<V>(String key, V value, int partition, long offset) {
    }

    private final Map<String, Object> clientConfig;
    private final Duration readTimeout;

    /**
     * @param clientConfig the service's Kafka client settings (bootstrap servers, TLS, ...)
     */
    KeyedTopicReader(Map<String, Object> clientConfig, Duration readTimeout) {
        this.clientConfig = Map.copyOf(clientConfig);
        this.readTimeout = Objects.requireNonNull(readTimeout, "readTimeout");
    }

    /**
     * The records of {@code keys} on {@code topic} from {@code since} to the current end, in offset
     * order per partition. Records that do not decode are skipped: the live consumer has
     * dead-lettered them already, and here they are simply not what is looked for.
     */
    <V> List<Keyed<V>> read(String topic, Set<String> keys, Instant since, Function<byte[], V> decoder) {
        if (keys.isEmpty()) {
            return List.of();
        }
        Properties props = new Properties();
        props.putAll(clientConfig);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        List<Keyed<V>> found = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<PartitionInfo> partitions = consumer.partitionsFor(topic, readTimeout);
            Set<TopicPartition> assigned = new HashSet<>();
            for (String key : keys) {
                // The default partitioner's choice for a keyed record: where the producer put it.
                assigned.add(new TopicPartition(topic, Topic.partitionOf(key, partitions.size())));
            }
            consumer.assign(assigned);
            Map<TopicPartition, Long> from = new HashMap<>();
            assigned.forEach(tp -> from.put(tp, since.toEpochMilli()));
            Map<TopicPartition, OffsetAndTimestamp> starts = consumer.offsetsForTimes(from, readTimeout);
            Map<TopicPartition, Long> ends = consumer.endOffsets(assigned, readTimeout);
            Set<TopicPartition> pending = new HashSet<>();
            for (TopicPartition tp : assigned) {
                OffsetAndTimestamp start = starts.get(tp);
                if (start != null && start.offset() < ends.get(tp)) {
                    pending.add(tp);
                }
            }
            consumer.assign(pending);
            pending.forEach(tp -> consumer.seek(tp, starts.get(tp).offset()));
            Instant deadline = Instant.now().plus(readTimeout);
            while (!pending.isEmpty() && Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    TopicPartition tp = new TopicPartition(record.topic(), record.partition());
                    if (record.offset() >= ends.get(tp) || record.key() == null || record.value() == null) {
                        continue;
                    }
                    String key = new String(record.key(), StandardCharsets.UTF_8);
                    if (keys.contains(key)) {
                        decode(record, decoder).ifPresent(v -> found.add(new Keyed<>(key, v, record.partition(), record.offset())));
                    }
                }
                pending.removeIf(tp -> consumer.position(tp, readTimeout) >= ends.get(tp));
            }
            if (!pending.isEmpty()) {
                throw new org.apache.kafka.common.errors.TimeoutException("reading " + topic + " " + pending + " did not finish within "
                        + readTimeout);
            }
        }
        return found;
    }

    private static <V> java.util.Optional<V> decode(ConsumerRecord<byte[], byte[]> record, Function<byte[], V> decoder) {
        try {
            return java.util.Optional.ofNullable(decoder.apply(record.value()));
        } catch (RuntimeException e) {
            LOG.debugf("Skipping undecodable record %s-%d@%d", record.topic(), record.partition(), record.offset());
            return java.util.Optional.empty();
        }
    }
}
