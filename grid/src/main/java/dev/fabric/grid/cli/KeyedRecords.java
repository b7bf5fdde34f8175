package dev.fabric.grid.cli;

import dev.fabric.topics.Topic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Every record of one key on a topic: reads only the partition the default partitioner puts the
 * key on, from the beginning to the end offset measured at the start.
 */
final class KeyedRecords {

    private KeyedRecords() {
    }

    static <V extends SpecificRecord> List<V> read(KafkaConsumer<String, byte[]> consumer, Topic<String, V> topic, String key) {
        int partition = topic.partitionOf(key);
        TopicPartition tp = new TopicPartition(topic.name(), partition);
        consumer.assign(List.of(tp));
        consumer.seekToBeginning(List.of(tp));
        Map<TopicPartition, Long> end = consumer.endOffsets(List.of(tp), Duration.ofSeconds(10));
        var deserializer = topic.valueSerde().deserializer();
        List<V> values = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (consumer.position(tp) < end.get(tp) && System.nanoTime() < deadline) {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                if (key.equals(record.key()) && record.value() != null) {
                    try {
                        values.add(deserializer.deserialize(topic.name(), record.value()));
                    } catch (SerializationException skipped) {
                        // the owning service dead-lettered it; a timeline shows what was understood
                    }
                }
            }
        }
        return values;
    }
}
