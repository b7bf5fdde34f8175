package dev.fabric.ingest.adapter.kafka;

import dev.fabric.topics.Topic;
import java.util.Objects;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * A record waiting for its transaction: the catalogue topic, where it goes (its key, or an explicit
 * partition) and the Avro value.
 *
 * @param partition null: the producer's partitioner places the record by its key; set: this partition
 *                  (a progress mark has no key, only the partition it marks)
 * @param key       null only for a record with an explicit partition
 */
public record PendingRecord(Topic<String, ? extends SpecificRecord> topic, Integer partition, String key,
                            SpecificRecord value) {

    public PendingRecord {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(value, "value");
        if (key == null && partition == null) {
            throw new IllegalArgumentException(topic.name() + ": a record needs a key or an explicit partition");
        }
        if (partition != null && (partition < 0 || partition >= topic.partitions())) {
            throw new IllegalArgumentException(topic.name() + " has " + topic.partitions() + " partitions, not " + partition);
        }
        if (!topic.valueType().isInstance(value)) {
            throw new IllegalArgumentException(topic.name() + " takes " + topic.valueType().getSimpleName()
                    + ", not " + value.getClass().getSimpleName());
        }
    }

    /** A keyed record, placed by the partitioner. */
    public PendingRecord(Topic<String, ? extends SpecificRecord> topic, String key, SpecificRecord value) {
        this(topic, null, Objects.requireNonNull(key, "key"), value);
    }

    /** A progress mark: no key, written to the partition it speaks for. */
    public static PendingRecord mark(Topic<String, ? extends SpecificRecord> topic, int partition, SpecificRecord value) {
        return new PendingRecord(topic, partition, null, value);
    }

    /** What the producer sends for this record once its value is serialised. */
    public ProducerRecord<String, byte[]> toProducerRecord(byte[] serialisedValue) {
        return new ProducerRecord<>(topic.name(), partition, key, serialisedValue);
    }

    /** A record without a key: only marks are written that way. */
    public boolean isMark() {
        return key == null;
    }
}
