package dev.fabric.deployer.adapter;

import dev.fabric.topics.Topic;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.jboss.logging.Logger;

/**
 * Decode-or-dead-letter for the deployer's consumers: a record that cannot be decoded, is invalid,
 * or whose handling throws, goes to {@code fabric.dlq} with the reason, and the consumer moves on.
 * Only a failure to write the dead letter itself escapes (the record is then redelivered).
 */
@ApplicationScoped
public class InboundRecords {

    private static final Logger LOG = Logger.getLogger(InboundRecords.class);

    @Inject
    EventCodecs codecs;

    @Inject
    DeadLetterPublisher deadLetters;

    /** What to do with a decoded record. */
    @FunctionalInterface
    public interface Handler<V> {
        void handle(String key, V value) throws InvalidEventException;
    }

    public <V extends SpecificRecord> void process(Topic<String, V> topic, ConsumerRecord<byte[], byte[]> record, Handler<V> handler) {
        if (record.value() == null) {
            deadLetters.publish(record, "record has no value (tombstone on a non-compacted topic)", null);
            return;
        }
        V value;
        try {
            value = codecs.decode(topic, record.value());
        } catch (SerializationException e) {
            deadLetters.publish(record, "undecodable " + topic.valueType().getSimpleName() + ": " + e.getMessage(), e);
            return;
        }
        String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
        try {
            handler.handle(key, value);
        } catch (InvalidEventException e) {
            deadLetters.publish(record, e.getMessage(), e);
        } catch (RuntimeException e) {
            LOG.errorf(e, "Processing %s-%d@%d failed", record.topic(), record.partition(), record.offset());
            deadLetters.publish(record, "processing failed: " + e, e);
        }
    }
}
