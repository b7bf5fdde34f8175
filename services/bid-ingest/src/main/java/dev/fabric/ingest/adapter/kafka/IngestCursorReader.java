package dev.fabric.ingest.adapter.kafka;

import dev.fabric.events.v1.ingest.IngestCursor;
import dev.fabric.topics.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads a node's committed cursor back from {@code fabric.ingest.cursor} (compacted, one partition):
 * the last committed value under the node's key. {@code read_committed}, so a cursor of an aborted or
 * still-open transaction is never taken for progress.
 */
public final class IngestCursorReader {

    static {
        AvroTrust.ensureTrusted();
    }

    private IngestCursorReader() {
    }

    public static Optional<IngestCursor> read(Map<String, Object> kafkaConfig, String nodeId, Duration timeout) {
        Map<String, Object> props = new HashMap<>(kafkaConfig);
        props.keySet().removeIf(k -> k.startsWith("transactional") || k.startsWith("acks") || k.startsWith("enable.idempotence")
                || k.startsWith("linger") || k.startsWith("batch.size") || k.startsWith("compression") || k.startsWith("max.in.flight")
                || k.startsWith("transaction.timeout"));
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        var serde = Topics.INGEST_CURSOR.valueSerde(kafkaConfig);
        Instant deadline = Instant.now().plus(timeout);
        IngestCursor last = null;
        boolean found = false;
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.INGEST_CURSOR.name(), timeout).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            while (partitions.stream().anyMatch(tp -> consumer.position(tp, timeout) < end.get(tp))) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("could not read " + Topics.INGEST_CURSOR.name() + " to its end within " + timeout);
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (nodeId.equals(record.key())) {
                        found = true;
                        last = record.value() == null ? null : serde.deserializer().deserialize(record.topic(), record.value());
                    }
                }
            }
        }
        return found ? Optional.ofNullable(last) : Optional.empty();
    }
}
