package dev.fabric.events.serde;

import dev.fabric.events.schema.SchemaHistory;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.SchemaStore;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
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
 *
 * <p>It encodes with Avro's buffered binary encoder into a per-thread buffer rather than through
 * {@code BinaryMessageEncoder}, whose direct encoder writes each varint byte through a synchronised
 * {@code ByteArrayOutputStream} call: that was a third of bid-ingest's CPU (bench/ingest/RESULTS.md).
 * The bytes are the same; {@code AvroSingleObjectSerdeTest} checks them against Avro's own encoder.
 */
public final class AvroSingleObjectSerde<T extends SpecificRecord> implements Serde<T>, Serializer<T>, Deserializer<T> {

    /** Single-object encoding's marker, {@code C3 01}. */
    private static final byte[] MARKER = {(byte) 0xC3, (byte) 0x01};
    /** A buffer that grew past this (one huge record) is not kept for the thread's next record. */
    private static final int KEPT_BUFFER_BYTES = 64 * 1024;
    private static final ThreadLocal<EncodeBuffer> BUFFERS = ThreadLocal.withInitial(EncodeBuffer::new);

    private final Class<T> type;
    /** Marker plus the writer schema's fingerprint: what precedes every body. */
    private final byte[] header;
    private final SpecificDatumWriter<T> writer;
    private final BinaryMessageDecoder<T> decoder;

    public AvroSingleObjectSerde(Class<T> type) {
        this(type, SchemaHistory.releasedVersions(SpecificData.getForClass(type).getSchema(type).getFullName()));
    }

    /** A serde that also reads records written with {@code writerSchemas} (the released versions). */
    public AvroSingleObjectSerde(Class<T> type, Collection<Schema> writerSchemas) {
        this.type = type;
        Schema schema = SpecificData.getForClass(type).getSchema(type);
        SchemaStore.Cache writers = new SchemaStore.Cache();
        writerSchemas.forEach(writers::addSchema);
        this.header = header(schema);
        // Records without logical-type fields (most nested ones: outputs, assets, payloads) come with
        // generated encoders that write their fields directly instead of walking the schema; the bytes are
        // the same. Only for writing: reading older writer schemas keeps Avro's resolving path.
        SpecificData writing = model(type);
        writing.setCustomCoders(true);
        this.writer = new SpecificDatumWriter<>(schema, writing);
        this.decoder = new BinaryMessageDecoder<>(model(type), schema, writers);
    }

    @Override
    public byte[] serialize(String topic, T data) {
        if (data == null) {
            return null;
        }
        EncodeBuffer buffer = BUFFERS.get();
        try {
            // The encoder first: re-configuring it flushes whatever a failed encode left in it, and the
            // reset then discards that.
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(buffer, buffer.encoder);
            buffer.encoder = encoder;
            buffer.reset();
            buffer.write(header, 0, header.length);
            writer.write(data, encoder);
            encoder.flush();
            return buffer.toByteArray();
        } catch (IOException | AvroRuntimeException | NullPointerException | ClassCastException e) {
            throw new SerializationException("Cannot encode " + type.getSimpleName() + " for topic " + topic + ": " + e.getMessage(), e);
        }
    }

    /**
     * The generated MODEL$ has no class loader, so Avro resolves record classes through the thread
     * context class loader. On a Kafka Streams thread inside a Quarkus test that is the JVM's app loader,
     * which holds a second copy of the event classes (ClassCastException on decode). Resolving through
     * the event class's own loader is right everywhere; the generated model's conversions come along.
     */
    private static SpecificData model(Class<?> type) {
        SpecificData model = new SpecificData(type.getClassLoader());
        SpecificData.getForClass(type).getConversions().forEach(model::addLogicalTypeConversion);
        return model;
    }

    /** {@code C3 01} and the schema's CRC-64-AVRO fingerprint, little-endian, as the specification has it. */
    private static byte[] header(Schema schema) {
        long fingerprint = SchemaNormalization.parsingFingerprint64(schema);
        byte[] header = Arrays.copyOf(MARKER, MARKER.length + Long.BYTES);
        for (int i = 0; i < Long.BYTES; i++) {
            header[MARKER.length + i] = (byte) (fingerprint >>> (8 * i));
        }
        return header;
    }

    /** An unsynchronised growable buffer, one per thread, and the encoder that writes into it. */
    private static final class EncodeBuffer extends OutputStream {
        private byte[] bytes = new byte[4096];
        private int size;
        private BinaryEncoder encoder;

        void reset() {
            if (bytes.length > KEPT_BUFFER_BYTES) {
                bytes = new byte[4096];
            }
            size = 0;
        }

        @Override
        public void write(int b) {
            ensure(1);
            bytes[size++] = (byte) b;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            ensure(len);
            System.arraycopy(b, off, bytes, size, len);
            size += len;
        }

        private void ensure(int more) {
            if (size + more > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
            }
        }

        byte[] toByteArray() {
            return Arrays.copyOf(bytes, size);
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
