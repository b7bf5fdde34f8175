package dev.fabric.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fabric.events.serde.AvroSingleObjectSerde;
import dev.fabric.events.v1.ingest.IngestCursor;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class AvroSingleObjectSerdeTest {

    private final AvroSingleObjectSerde<IngestCursor> serde = new AvroSingleObjectSerde<>(IngestCursor.class);

    private static IngestCursor cursor() {
        return IngestCursor.newBuilder()
                .setEventId(EventIds.of("IngestCursor", "node-a", 42))
                .setNodeId("node-a")
                .setHeadId("ab".repeat(28))
                .setSeq(42)
                .setSnapshotNumber(7)
                .setOccurredAt(Instant.ofEpochMilli(1_767_225_600_123L))
                .build();
    }

    @Test
    void shouldRoundTripWithSingleObjectHeader() {
        byte[] bytes = serde.serialize("fabric.ingest.cursor", cursor());

        assertThat(bytes[0]).isEqualTo((byte) 0xC3);
        assertThat(bytes[1]).isEqualTo((byte) 0x01);
        assertThat(serde.deserialize("fabric.ingest.cursor", bytes)).isEqualTo(cursor());
    }

    @Test
    void shouldPassTombstonesThrough() {
        assertThat(serde.serialize("t", null)).isNull();
        assertThat(serde.deserialize("t", null)).isNull();
    }

    @Test
    void shouldRejectForeignBytesWithTheTopicAndType() {
        assertThatThrownBy(() -> serde.deserialize("fabric.ingest.cursor", new byte[] {0, 0, 0, 1, 42}))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("IngestCursor")
                .hasMessageContaining("fabric.ingest.cursor");
    }

    @Test
    void shouldRejectTruncatedRecords() {
        byte[] bytes = serde.serialize("t", cursor());
        byte[] truncated = java.util.Arrays.copyOf(bytes, bytes.length - 5);

        assertThatThrownBy(() -> serde.deserialize("t", truncated)).isInstanceOf(SerializationException.class);
    }

    @Test
    void shouldReadRecordsWrittenWithAnOlderReleasedSchema() throws Exception {
        // An older IngestCursor without snapshotNumber and headId (both have defaults today).
        Schema old = SchemaBuilder.record("IngestCursor").namespace("dev.fabric.events.v1.ingest").fields()
                .requiredString("eventId")
                .name("causationId").type().optional().stringType()
                .requiredString("nodeId")
                .requiredLong("seq")
                .name("occurredAt").type(org.apache.avro.LogicalTypes.timestampMillis().addToSchema(Schema.create(Schema.Type.LONG))).noDefault()
                .endRecord();
        GenericRecord written = new GenericData.Record(old);
        written.put("eventId", "e1");
        written.put("nodeId", "node-a");
        written.put("seq", 9L);
        written.put("occurredAt", 1000L);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new BinaryMessageEncoder<GenericRecord>(GenericData.get(), old).encode(written, out);
        AvroSingleObjectSerde<IngestCursor> reader = new AvroSingleObjectSerde<>(IngestCursor.class, List.of(old));

        IngestCursor read = reader.deserialize("t", out.toByteArray());

        assertThat(read.getSeq()).isEqualTo(9L);
        assertThat(read.getHeadId()).isNull();
        assertThat(read.getSnapshotNumber()).isEqualTo(-1L);
    }

    @Test
    void shouldRejectRecordsFromAnUnknownWriterSchema() throws Exception {
        Schema stranger = SchemaBuilder.record("Stranger").namespace("x").fields().requiredString("a").endRecord();
        GenericRecord written = new GenericData.Record(stranger);
        written.put("a", "b");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new BinaryMessageEncoder<GenericRecord>(GenericData.get(), stranger).encode(written, out);

        assertThatThrownBy(() -> serde.deserialize("t", out.toByteArray()))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("Cannot decode IngestCursor");
    }
}
