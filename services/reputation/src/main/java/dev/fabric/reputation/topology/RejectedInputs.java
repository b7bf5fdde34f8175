package dev.fabric.reputation.topology;

import dev.fabric.events.dlq.DeadLetters;
import dev.fabric.events.v1.dlq.DeadLetter;
import dev.fabric.topics.Topic;
import dev.fabric.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.processor.api.ProcessingContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.jboss.logging.Logger;

/**
 * Dead letters for inputs a stateful step refuses after decoding (e.g. a deployment reported by an
 * operator the bid is not bound to). The payload is the event re-encoded with its topic's serde;
 * the source position comes from the record being processed. The time is the record's timestamp,
 * so a replay writes the same dead letter.
 */
final class RejectedInputs {

    private static final Logger LOG = Logger.getLogger(RejectedInputs.class);

    private final String service;
    private final Map<String, ?> serdeConfig;
    private final Map<String, Serializer<SpecificRecord>> encoders = new HashMap<>();

    RejectedInputs(String service, Map<String, ?> serdeConfig) {
        this.service = service;
        this.serdeConfig = serdeConfig;
    }

    DeadLetter deadLetter(ProcessingContext context, Record<String, ?> record, SpecificRecord event, String reason) {
        RecordMetadata source = context.recordMetadata().orElse(null);
        String topic = source != null ? source.topic() : "unknown";
        int partition = source != null ? source.partition() : -1;
        long offset = source != null ? source.offset() : -1;
        byte[] key = record.key() == null ? null : record.key().getBytes(StandardCharsets.UTF_8);
        byte[] value = encoder(topic).serialize(topic, event);
        LOG.warnf("dead-lettered source=%s partition=%d offset=%d key=%s reason=%s", topic, partition, offset, record.key(), reason);
        return DeadLetters.fromKafka(service, topic, partition, offset, key, value, record.headers(), reason, null,
                Instant.ofEpochMilli(record.timestamp()));
    }

    @SuppressWarnings("unchecked")
    private Serializer<SpecificRecord> encoder(String topicName) {
        return encoders.computeIfAbsent(topicName, name -> {
            Topic<String, ?> topic = Topics.byName(name)
                    .orElseThrow(() -> new IllegalStateException("not a catalogue topic: " + name));
            return (Serializer<SpecificRecord>) topic.valueSerde(serdeConfig).serializer();
        });
    }
}
