package dev.fabric.deployer.support;

import dev.fabric.deployer.adapter.EventCodecs;
import dev.fabric.topics.Topic;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads a whole topic as it is now, decoding with the deployer's own codecs: inside a
 * {@code @QuarkusTest} the event classes must be decoded with their own class loader (see
 * {@link EventCodecs}), which the catalogue's plain serde does not guarantee.
 */
public final class TopicReader {

    private static final EventCodecs CODECS = EventCodecs.plain();

    private TopicReader() {
    }

    public static <V extends SpecificRecord> List<Map.Entry<String, V>> readToEnd(String bootstrap, Topic<String, V> topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        Duration timeout = Duration.ofSeconds(20);
        List<Map.Entry<String, V>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic.name(), timeout).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            Instant deadline = Instant.now().plus(timeout);
            while (Instant.now().isBefore(deadline) && partitions.stream().anyMatch(tp -> consumer.position(tp, timeout) < end.get(tp))) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                    String key = r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8);
                    out.add(Map.entry(key == null ? "" : key, CODECS.decode(topic, r.value())));
                }
            }
        }
        return out;
    }
}
