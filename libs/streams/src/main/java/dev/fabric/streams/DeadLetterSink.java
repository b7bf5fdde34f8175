package dev.fabric.streams;

import dev.fabric.events.dlq.DeadLetters;
import dev.fabric.events.v1.dlq.DeadLetter;
import dev.fabric.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.jboss.logging.Logger;

/**
 * Writes dead letters from Kafka Streams exception handlers, which run outside the topology and
 * so cannot use its transactional producer. Writes are synchronous: a handler only lets the stream
 * continue once the record is safely in {@code fabric.dlq}.
 *
 * <p>The producer is made on the first dead letter and shared by every sink with the same client
 * settings in the JVM: Kafka Streams configures a handler for each thread and task and never closes
 * it, so a producer per sink (18 for a two-thread application reading one partition) would be a
 * network thread and a connection each, leaked at every rebalance. The shared producers live as long
 * as the JVM (their I/O threads are daemons, and writes wait for their acknowledgement).
 */
final class DeadLetterSink {

    private static final Logger LOG = Logger.getLogger(DeadLetterSink.class);
    private static final ConcurrentMap<Map<String, Object>, KafkaProducer<String, DeadLetter>> PRODUCERS = new ConcurrentHashMap<>();

    private final String service;
    private final Map<String, Object> producerConfig;
    private final Clock clock;

    DeadLetterSink(Map<String, ?> streamsConfig, Clock clock) {
        Object serviceName = streamsConfig.get(StreamsErrorHandling.SERVICE_CONFIG);
        this.service = serviceName != null ? serviceName.toString() : String.valueOf(streamsConfig.get(StreamsConfig.APPLICATION_ID_CONFIG));
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, streamsConfig.get(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG));
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, service + "-dead-letters");
        streamsConfig.forEach((key, value) -> {
            if (key.startsWith("apicurio.") || key.startsWith("security.") || key.startsWith("sasl.") || key.startsWith("ssl.")) {
                props.put(key, value);
            }
        });
        this.producerConfig = Map.copyOf(props);
        this.clock = clock;
    }

    /** Writes a dead letter; false when it could not be written (the caller must then fail). */
    boolean write(String topic, int partition, long offset, byte[] key, byte[] value, Headers headers, String reason, Throwable error) {
        DeadLetter deadLetter = DeadLetters.fromKafka(service, topic, partition, offset, key, value, headers, reason, error, clock.instant());
        String dlqKey = key == null ? null : new String(key, StandardCharsets.UTF_8);
        try {
            KafkaProducer<String, DeadLetter> producer = PRODUCERS.computeIfAbsent(producerConfig,
                    config -> new KafkaProducer<>(config, Serdes.String().serializer(), Topics.DLQ.valueSerde(config).serializer()));
            producer.send(new ProducerRecord<>(Topics.DLQ.name(), dlqKey, deadLetter)).get(30, TimeUnit.SECONDS);
            LOG.warnf("Dead-lettered %s[%d]@%d: %s", topic, partition, offset, reason);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            LOG.errorf(e, "Cannot write dead letter for %s[%d]@%d", topic, partition, offset);
            return false;
        }
    }
}
