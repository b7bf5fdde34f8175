package dev.fabric.events.serde;

import dev.fabric.events.schema.SchemaHistory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Collection;
import java.util.Map;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.SchemaStore;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Registry-free Avro serde: Avro single-object encoding ({@code C3 01}, the writer schema's
 * 8-byte fingerprint, the binary body). The fingerprint lets a reader pick the right writer schema
 * among the released versions of {@link SchemaHistory}, so old records stay readable after a
 * compatible schema change. Thread-safe, as Kafka requires.
 */
public final class AvroSingleObjectSerde<T extends SpecificRecord> implements Serde<T>, Serializer<T>, Deserializer<T> {

    private final Class<T> type;
    private final BinaryMessageEncoder<T> encoder;
    private final BinaryMessageDecoder<T> decoder;

    public AvroSingleObjectSerde(Class<T> type) {
        this(type, SchemaHistory.releasedVersions(SpecificData.getForClass(type).getSchema(type).getFullName()));
    }

    /** A serde that also reads records written with {@code writerSchemas} (the released versions). */
    public AvroSingleObjectSerde(Class<T> type, Collection<Schema> writerSchemas) {
        this.type = type;
        SpecificData generated = SpecificData.getForClass(type);
        // The generated MODEL$ has no class loader, so Avro resolves record classes through the
        // thread context class loader. On a Kafka Streams thread inside a Quarkus test that is the
        // JVM's app loader, which holds a second copy of the event classes (ClassCastException on
        // decode). Resolving through the event class's own loader is right everywhere.
        SpecificData model = new SpecificData(type.getClassLoader());
        generated.getConversions().forEach(model::addLogicalTypeConversion);
        Schema schema = generated.getSchema(type);
        SchemaStore.Cache writers = new SchemaStore.Cache();
        writerSchemas.forEach(writers::addSchema);
        this.encoder = new BinaryMessageEncoder<>(model, schema);
        this.decoder = new BinaryMessageDecoder<>(model, schema, writers);
    }

    @Override
    public byte[] serialize(String topic, T data) {
        if (data == null) {
            return null;
        }
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream(256);
            encoder.encode(data, out);
            return out.toByteArray();
        } catch (IOException | AvroRuntimeException | NullPointerException | ClassCastException e) {
            throw new SerializationException("Cannot encode " + type.getSimpleName() + " for topic " + topic + ": " + e.getMessage(), e);
        }
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        try {
            return decoder.decode(data);
        } catch (IOException | RuntimeException e) {
            // Avro reports truncated or foreign bytes with a variety of runtime exceptions.
            throw new SerializationException("Cannot decode " + type.getSimpleName() + " from topic " + topic
                    + " (" + data.length + " bytes): " + e, e);
        }
    }

    @Override
    public Serializer<T> serializer() {
        return this;
    }

    @Override
    public Deserializer<T> deserializer() {
        return this;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        // nothing to configure: the schema comes from the generated class
    }

    @Override
    public void close() {
        // stateless apart from thread-local buffers
    }
}
