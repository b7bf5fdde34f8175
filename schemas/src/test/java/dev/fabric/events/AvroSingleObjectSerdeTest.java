package dev.fabric.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fabric.events.serde.AvroSingleObjectSerde;
import dev.fabric.events.v1.hydra.Asset;
import dev.fabric.events.v1.hydra.L2Transaction;
import dev.fabric.events.v1.hydra.TxOutput;
import dev.fabric.events.v1.ingest.IngestCursor;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
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

    private static L2Transaction transaction(int outputs) {
        List<TxOutput> produced = new java.util.ArrayList<>();
        for (int i = 0; i < outputs; i++) {
            produced.add(TxOutput.newBuilder().setIndex(i).setAddress("addr_test1" + "x".repeat(50)).setLovelace(2_000_000L + i)
                    .setAssets(List.of(Asset.newBuilder().setPolicyId("cd".repeat(28)).setAssetName("6262").setQuantity("1").build()))
                    .setInlineDatum(i % 2 == 0 ? ByteBuffer.wrap(new byte[] {(byte) 0xd8, 0x79, (byte) 0x80}) : null)
                    .setDatumHash(null)
                    .build());
        }
        return L2Transaction.newBuilder()
                .setEventId(EventIds.of("L2Transaction", "node-a", outputs))
                .setCausationId(outputs % 2 == 0 ? null : "cause")
                .setHeadId("ab".repeat(28))
                .setNodeId("node-a")
                .setTxId("ef".repeat(32))
                .setSnapshotNumber(-3)
                .setSnapshotVersion(Long.MAX_VALUE)
                .setSeq(1L << 40)
                .setIndexInSnapshot(outputs)
                .setOccurredAt(Instant.ofEpochMilli(1_767_225_600_123L))
                .setCbor(ByteBuffer.wrap(new byte[700 * outputs]))
                .setInputs(List.of("ef".repeat(32) + "#0", "ef".repeat(32) + "#1"))
                .setReferenceInputs(List.of())
                .setOutputs(produced)
                .setSigners(List.of("12".repeat(28)))
                .build();
    }

    @Test
    void shouldWriteExactlyWhatAvrosSingleObjectEncoderWrites() throws Exception {
        AvroSingleObjectSerde<L2Transaction> l2 = new AvroSingleObjectSerde<>(L2Transaction.class);
        BinaryMessageEncoder<L2Transaction> avro = new BinaryMessageEncoder<>(SpecificData.getForClass(L2Transaction.class),
                L2Transaction.getClassSchema());
        // 0 to 120 outputs: from a few bytes past the header to records far larger than the kept buffer.
        for (int outputs : new int[] {0, 1, 2, 7, 120}) {
            ByteArrayOutputStream expected = new ByteArrayOutputStream();
            avro.encode(transaction(outputs), expected);

            assertThat(l2.serialize("t", transaction(outputs))).as("%d outputs", outputs).isEqualTo(expected.toByteArray());
        }
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        new BinaryMessageEncoder<IngestCursor>(SpecificData.getForClass(IngestCursor.class), IngestCursor.getClassSchema())
                .encode(cursor(), expected);
        assertThat(serde.serialize("t", cursor())).isEqualTo(expected.toByteArray());
    }

    @Test
    void shouldWriteTheNextRecordCleanlyAfterOneFailedHalfway() {
        AvroSingleObjectSerde<L2Transaction> l2 = new AvroSingleObjectSerde<>(L2Transaction.class);
        L2Transaction broken = transaction(3);
        broken.put("txId", null);   // a required field, after the ones already encoded
        byte[] clean = l2.serialize("t", transaction(2));

        assertThatThrownBy(() -> l2.serialize("fabric.l2.transactions", broken))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("L2Transaction")
                .hasMessageContaining("fabric.l2.transactions");
        assertThat(l2.serialize("t", transaction(2))).isEqualTo(clean);
        assertThat(l2.deserialize("t", clean)).isEqualTo(transaction(2));
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
