package dev.fabric.ingest.adapter.kafka;

import dev.fabric.topics.Topic;
import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;

/** A record waiting for its transaction: the catalogue topic, the key and the Avro value. */
public record PendingRecord(Topic<String, ? extends SpecificRecord> topic, String key, SpecificRecord value) {

    public PendingRecord {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        if (!topic.valueType().isInstance(value)) {
            throw new IllegalArgumentException(topic.name() + " takes " + topic.valueType().getSimpleName()
                    + ", not " + value.getClass().getSimpleName());
        }
    }
}
