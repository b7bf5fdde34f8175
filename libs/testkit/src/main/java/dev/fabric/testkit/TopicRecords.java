package dev.fabric.testkit;

import dev.fabric.topics.Topic;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Writes and reads catalogue topics in tests, with the topics' own serdes. Reads are
 * {@code read_committed} from the beginning with a throw-away group, and stop at a count or a
 * deadline (never an open-ended wait).
 */
public final class TopicRecords {

    private TopicRecords() {
    }

    /** Writes records synchronously (acks=all, idempotent), returning their metadata. */
    @SafeVarargs
    public static <V extends SpecificRecord> List<RecordMetadata> write(String bootstrap, Topic<String, V> topic, Map.Entry<String, V>... records) {
        return send(bootstrap, topic, Arrays.stream(records)
                .map(r -> new ProducerRecord<>(topic.name(), r.getKey(), r.getValue())).toList());
    }

    /**
     * Writes records without a key to an explicit partition, as bid-ingest writes progress marks
     * ({@code EventSamples.bidMark}); {@link #write} cannot, a map entry has no null key.
     */
    @SafeVarargs
    public static <V extends SpecificRecord> List<RecordMetadata> writeKeyless(String bootstrap, Topic<String, V> topic, int partition, V... values) {
        return send(bootstrap, topic, Arrays.stream(values)
                .map(v -> new ProducerRecord<String, V>(topic.name(), partition, null, v)).toList());
    }

    private static <V extends SpecificRecord> List<RecordMetadata> send(String bootstrap, Topic<String, V> topic, List<ProducerRecord<String, V>> records) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        List<RecordMetadata> written = new ArrayList<>();
        try (KafkaProducer<String, V> producer = new KafkaProducer<>(props, topic.keySerde().serializer(), topic.valueSerde().serializer())) {
            for (ProducerRecord<String, V> record : records) {
                written.add(producer.send(record).get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Cannot write to " + topic.name(), e.getCause());
        }
        return written;
    }

    /** Reads committed records until {@code count} arrived or {@code timeout} passed; returns what arrived. */
    public static <V extends SpecificRecord> List<ConsumerRecord<String, V>> read(String bootstrap, Topic<String, V> topic, int count, Duration timeout) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "testkit-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<ConsumerRecord<String, V>> out = new ArrayList<>();
        Instant deadline = Instant.now().plus(timeout);
        try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(props, topic.keySerde().deserializer(), topic.valueSerde().deserializer())) {
            consumer.subscribe(List.of(topic.name()));
            while (out.size() < count && Instant.now().isBefore(deadline)) {
                consumer.poll(Duration.ofMillis(100)).forEach(out::add);
            }
        }
        return out;
    }

    /**
     * Reads every committed record present now: stops once the consumer reached the end offsets
     * measured at the start (used to assert "exactly these, nothing more").
     */
    public static <V extends SpecificRecord> List<ConsumerRecord<String, V>> readToEnd(String bootstrap, Topic<String, V> topic, Duration timeout) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<ConsumerRecord<String, V>> out = new ArrayList<>();
        Instant deadline = Instant.now().plus(timeout);
        try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(props, topic.keySerde().deserializer(), topic.valueSerde().deserializer())) {
            var partitions = consumer.partitionsFor(topic.name(), timeout).stream()
                    .map(p -> new org.apache.kafka.common.TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            var end = consumer.endOffsets(partitions, timeout);
            while (Instant.now().isBefore(deadline)
                    && partitions.stream().anyMatch(tp -> consumer.position(tp, timeout) < end.get(tp))) {
                consumer.poll(Duration.ofMillis(100)).forEach(out::add);
            }
        }
        return out;
    }
}
