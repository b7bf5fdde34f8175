package dev.fabric.topics;

import dev.fabric.events.serde.EventSerdes;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Utils;

/**
 * A topic of the grid with its key and value types and its broker-side configuration. Every
 * producer, consumer, topology, test and manifest takes these facts from {@link Topics}.
 */
public record Topic<K, V extends SpecificRecord>(
        String name,
        Class<K> keyType,
        String keyMeaning,
        Class<V> valueType,
        int partitions,
        Cleanup cleanup,
        Duration retention) {

    /** Log cleanup policy. */
    public enum Cleanup {
        DELETE(TopicConfig.CLEANUP_POLICY_DELETE),
        COMPACT(TopicConfig.CLEANUP_POLICY_COMPACT);

        private final String configValue;

        Cleanup(String configValue) {
            this.configValue = configValue;
        }

        public String configValue() {
            return configValue;
        }
    }

    public Topic {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(keyType, "keyType");
        Objects.requireNonNull(valueType, "valueType");
        Objects.requireNonNull(cleanup, "cleanup");
        if (partitions < 1) {
            throw new IllegalArgumentException(name + ": partitions must be >= 1");
        }
        if (cleanup == Cleanup.DELETE && (retention == null || retention.isNegative() || retention.isZero())) {
            throw new IllegalArgumentException(name + ": a delete topic needs a positive retention");
        }
    }

    /** Broker configs this topic must have (independent of the cluster's replication factor). */
    public Map<String, String> configs() {
        Map<String, String> configs = new LinkedHashMap<>();
        configs.put(TopicConfig.CLEANUP_POLICY_CONFIG, cleanup.configValue());
        if (cleanup == Cleanup.DELETE) {
            configs.put(TopicConfig.RETENTION_MS_CONFIG, Long.toString(retention.toMillis()));
        }
        return configs;
    }

    /**
     * The partition the producer's default partitioner gives a String key on this topic (murmur2 of its
     * UTF-8 bytes): where a keyed record lands, and where a reader of one key looks.
     */
    public int partitionOf(String key) {
        return partitionOf(key, partitions);
    }

    /** {@link #partitionOf(String)} for a topic of {@code partitionCount} partitions, as the cluster reports it. */
    public static int partitionOf(String key, int partitionCount) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitionCount;
    }

    /** The Avro schema of the value. */
    public Schema valueSchema() {
        return SpecificData.getForClass(valueType).getSchema(valueType);
    }

    public Serde<K> keySerde() {
        return Serdes.serdeFrom(keyType);
    }

    /** Value serde chosen by {@link EventSerdes} from the given client configuration. */
    public Serde<V> valueSerde(Map<String, ?> clientConfig) {
        return EventSerdes.valueSerde(valueType, clientConfig);
    }

    /** Value serde without a registry. */
    public Serde<V> valueSerde() {
        return valueSerde(Map.of());
    }
}
