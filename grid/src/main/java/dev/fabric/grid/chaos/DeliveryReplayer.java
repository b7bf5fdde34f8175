package dev.fabric.grid.chaos;

import dev.fabric.events.MarketProgressMarks;
import dev.fabric.topics.Topic;
import dev.fabric.topics.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Delivers records a second time, out of order: copies the latest committed records of the given
 * topics, shuffles them and appends them again, byte for byte (same key, so same partition). That
 * is what an at-least-once producer retrying, or a consumer rewinding after a crash, puts in front
 * of every consumer; consumers must treat a repeat as a no-op. Progress marks are not market
 * events: never copied, nor counted.
 */
public final class DeliveryReplayer {

    private final String bootstrapServers;
    private final Random random;

    public DeliveryReplayer(String bootstrapServers, Random random) {
        this.bootstrapServers = bootstrapServers;
        this.random = random;
    }

    /** What one replay wrote: copies per topic, and per eventId (to tell injected repeats from produced ones). */
    public record Replayed(Map<String, Long> perTopic, Map<String, Long> perEventId) {

        public long total() {
            return perTopic.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** Replays up to {@code perPartition} of the latest records of each partition. */
    public Replayed replay(List<Topic<String, ?>> topics, int perPartition) {
        List<Copy> copies = new ArrayList<>();
        Map<String, Deserializer<? extends SpecificRecord>> deserializers = new HashMap<>();
        Properties consumerProps = new Properties();
        consumerProps.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        consumerProps.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumerProps.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProps, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            topics.forEach(t -> {
                for (int p = 0; p < t.partitions(); p++) {
                    partitions.add(new TopicPartition(t.name(), p));
                }
            });
            consumer.assign(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            Map<TopicPartition, Long> starts = consumer.beginningOffsets(partitions, Duration.ofSeconds(30));
            long wanted = 0;
            for (TopicPartition tp : partitions) {
                long from = Math.max(starts.get(tp), ends.get(tp) - perPartition);
                consumer.seek(tp, from);
                wanted += ends.get(tp) - from;
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            long read = 0;
            while (read < wanted && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    read++;
                    // transaction markers take offsets too, so "wanted" over-counts: stop at the end offsets
                    if (record.offset() < ends.get(new TopicPartition(record.topic(), record.partition())) && record.value() != null) {
                        SpecificRecord value = decode(record, deserializers);
                        if (!MarketProgressMarks.isMark(value)) {
                            copies.add(new Copy(record, eventIdOf(value)));
                        }
                    }
                }
                if (partitions.stream().allMatch(tp -> consumer.position(tp) >= ends.get(tp))) {
                    break;
                }
            }
        }
        Collections.shuffle(copies, random);
        Map<String, Long> written = new LinkedHashMap<>();
        Map<String, Long> byEventId = new HashMap<>();
        topics.forEach(t -> written.put(t.name(), 0L));
        Properties producerProps = new Properties();
        producerProps.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProps, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            for (Copy copy : copies) {
                ConsumerRecord<byte[], byte[]> record = copy.record();
                producer.send(new ProducerRecord<>(record.topic(), record.partition(), record.timestamp(), record.key(), record.value(),
                        record.headers()));
                written.merge(record.topic(), 1L, Long::sum);
                byEventId.merge(copy.eventId(), 1L, Long::sum);
            }
            producer.flush();
        }
        return new Replayed(written, byEventId);
    }

    /** A record to deliver again, with the eventId it carries. */
    private record Copy(ConsumerRecord<byte[], byte[]> record, String eventId) {
    }

    private static SpecificRecord decode(ConsumerRecord<byte[], byte[]> record,
                                         Map<String, Deserializer<? extends SpecificRecord>> deserializers) {
        return deserializers.computeIfAbsent(record.topic(), name -> Topics.byName(name).orElseThrow().valueSerde().deserializer())
                .deserialize(record.topic(), record.value());
    }

    private static String eventIdOf(SpecificRecord value) {
        return String.valueOf(value.get(value.getSchema().getField("eventId").pos()));
    }
}
