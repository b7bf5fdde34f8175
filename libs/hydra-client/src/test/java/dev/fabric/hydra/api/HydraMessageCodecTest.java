package dev.fabric.hydra.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HydraMessageCodecTest {

    private final HydraMessageCodec codec = new HydraMessageCodec();

    @Test
    void shouldKeepQuantitiesBeyondDoublePrecision() {
        String frame = "{\"tag\":\"CommitApproved\",\"headId\":\"ab\",\"seq\":1,\"timestamp\":\"2026-01-01T00:00:00Z\",\"utxoToCommit\":{"
                + "\"" + SampleMessages.TX_ID + "#3\":{\"address\":\"addr\",\"value\":{\"lovelace\":3797645294248714119,"
                + "\"" + SampleMessages.POLICY + "\":{\"31\":123456789012345678901234567890}},"
                + "\"datum\":null,\"datumhash\":null,\"inlineDatum\":null,\"inlineDatumRaw\":null,\"referenceScript\":null}}}";

        TimedServerOutput timed = (TimedServerOutput) decoded(frame);
        Value value = ((ServerOutput.CommitApproved) timed.output()).utxoToCommit()
                .get(new TxIn(SampleMessages.TX_ID, 3)).orElseThrow().value();

        assertEquals(new BigInteger("3797645294248714119"), value.lovelace());
        assertEquals(new BigInteger("123456789012345678901234567890"), value.quantityOf(SampleMessages.POLICY, "31"));
        assertTrue(codec.encode(timed).contains("123456789012345678901234567890"));
    }

    @Test
    void shouldOmitZeroLovelaceAsCardanoApiDoes() {
        Value tokensOnly = Value.ZERO.withAsset(SampleMessages.POLICY, "f8e72d428ac3", BigInteger.ONE);

        ObjectNode json = codec.toJson(tokensOnly);

        assertFalse(json.has("lovelace"));
        assertEquals(1, json.path(SampleMessages.POLICY).path("f8e72d428ac3").asInt());
    }

    @Test
    void shouldWriteTheKeySetOfEachKindOfDatum() {
        Map<TxIn, TxOut> outputs = SampleMessages.utxo().outputs();

        assertEquals(Set.of("address", "value", "datum", "datumhash", "inlineDatum", "inlineDatumRaw", "referenceScript"),
                keys(codec.toJson(outputs.get(new TxIn(SampleMessages.TX_ID, 0)))));
        assertEquals(Set.of("address", "value", "datum", "inlineDatum", "inlineDatumRaw", "inlineDatumhash", "referenceScript"),
                keys(codec.toJson(outputs.get(new TxIn(SampleMessages.TX_ID, 1)))));
        ObjectNode withHash = codec.toJson(outputs.get(new TxIn(SampleMessages.OTHER_TX_ID, 7)));
        assertEquals("5d46d90aba667dcd5fc961c64605b74f4b87224508c2d6fac1842f4a8cdcb45a", withHash.path("datumhash").asText());
        assertTrue(withHash.get("inlineDatum").isNull());
    }

    @Test
    void shouldAddSeqAndTimestampToTheOutputItself() {
        TimedServerOutput timed = new TimedServerOutput(42, SampleMessages.TIME, new ServerOutput.TxValid(SampleMessages.HEAD_ID, SampleMessages.TX_ID));

        String json = codec.encode(timed);

        assertEquals("{\"tag\":\"TxValid\",\"headId\":\"" + SampleMessages.HEAD_ID + "\",\"transactionId\":\"" + SampleMessages.TX_ID
                + "\",\"seq\":42,\"timestamp\":\"2026-07-20T10:11:12.123456789Z\"}", json);
        assertEquals(timed, decoded(json));
    }

    @Test
    void shouldOmitTheSnapshotUtxoWhenItWasNotSent() {
        ObjectNode snapshot = codec.toJson(SampleMessages.snapshot(null));

        assertFalse(snapshot.has("utxo"));
        assertTrue(snapshot.get("utxoToCommit").isNull());
        assertTrue(snapshot.get("utxoToDecommit").isNull());
    }

    @Test
    void shouldRoundTripEveryModelledMessage() {
        for (ServerOutput output : SampleMessages.serverOutputs()) {
            TimedServerOutput timed = new TimedServerOutput(9, SampleMessages.TIME, output);
            assertEquals(timed, decoded(codec.encode(timed)), output.tag());
        }
        for (ClientInput input : SampleMessages.clientInputs()) {
            assertEquals(input, codec.decodeClientInput(codec.encode(input)), input.tag());
        }
        for (ClientMessage message : SampleMessages.clientMessages()) {
            assertEquals(message, decoded(codec.encode(message)), message.tag());
        }
        assertEquals(SampleMessages.greetings(), decoded(codec.encode(SampleMessages.greetings())));
        assertEquals(SampleMessages.invalidInput(), decoded(codec.encode(SampleMessages.invalidInput())));
    }

    @Test
    void shouldKeepUnknownOutputsWholeAndReEncodeThemUnchanged() throws Exception {
        String frame = "{\"tag\":\"HeadIsInitializing\",\"headId\":\"ab\",\"parties\":[],\"seq\":3,\"timestamp\":\"2026-01-01T00:00:00.5Z\"}";

        TimedServerOutput timed = (TimedServerOutput) decoded(frame);

        ServerOutput.Unknown unknown = assertInstanceOf(ServerOutput.Unknown.class, timed.output());
        assertEquals("HeadIsInitializing", unknown.tag());
        assertEquals(codec.mapper().readTree(frame), codec.mapper().readTree(codec.encode(timed)));
    }

    @Test
    void shouldKeepAKnownTagWhoseShapeChangedAsUnknown() {
        // The changelog once announced HeadIsFinalized.finalizedUTxO as an array of outputs.
        String frame = "{\"tag\":\"HeadIsFinalized\",\"headId\":\"ab\",\"finalizedUTxO\":[{\"address\":\"a\",\"value\":{}}],"
                + "\"seq\":3,\"timestamp\":\"2026-01-01T00:00:00Z\"}";

        ServerOutput output = ((TimedServerOutput) decoded(frame)).output();

        ServerOutput.Unknown unknown = assertInstanceOf(ServerOutput.Unknown.class, output);
        assertTrue(unknown.json().get("finalizedUTxO").isArray());
    }

    @Test
    void shouldKeepUnknownNestedStatesInsideKnownMessages() throws Exception {
        String frame = "{\"tag\":\"CommandFailed\",\"clientInput\":{\"tag\":\"Teleport\",\"to\":\"Mars\"},"
                + "\"state\":{\"tag\":\"FanoutProgress\",\"contents\":{\"mode\":{\"tag\":\"AutoDrain\"}}}}";

        ClientMessage.CommandFailed failed = assertInstanceOf(ClientMessage.CommandFailed.class, decoded(frame));

        assertEquals("Teleport", assertInstanceOf(ClientInput.Unknown.class, failed.clientInput()).tag());
        assertEquals("FanoutProgress", assertInstanceOf(HeadState.Unknown.class, failed.state()).tag());
        assertEquals(codec.mapper().readTree(frame), codec.toJson(failed));
    }

    @Test
    void shouldReadDurationsAsExactSeconds() {
        String frame = "{\"tag\":\"NodeUnsynced\",\"chainSlot\":7,\"chainTime\":\"2026-01-01T00:00:00Z\",\"drift\":700.123456789999,"
                + "\"seq\":1,\"timestamp\":\"2026-01-01T00:00:00Z\"}";

        ServerOutput.NodeUnsynced unsynced = (ServerOutput.NodeUnsynced) ((TimedServerOutput) decoded(frame)).output();

        assertEquals(Duration.ofSeconds(700, 123_456_789), unsynced.drift());
        assertEquals("700.123456789", codec.toJson(unsynced).get("drift").asText());
    }

    @Test
    void shouldOmitTheTxIdOfATransactionBuiltWithoutOne() {
        ObjectNode json = codec.toJson(new Transaction(null, null, "84a400", null));

        assertEquals(Set.of("type", "description", "cborHex"), keys(json));
        assertEquals(Transaction.CONWAY, json.get("type").asText());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "   ",
            "null",
            "42",
            "{\"tag\":7}",
            "{\"tag\":\"TxValid\",\"seq\":-1,\"timestamp\":\"2026-01-01T00:00:00Z\"}",
            "{\"tag\":\"TxValid\",\"seq\":1.5,\"timestamp\":\"2026-01-01T00:00:00Z\"}",
            "{\"tag\":\"TxValid\",\"seq\":99999999999999999999999,\"timestamp\":\"2026-01-01T00:00:00Z\"}",
            "{\"tag\":\"TxValid\",\"seq\":1}",
            "{\"tag\":\"TxValid\",\"seq\":1,\"timestamp\":17}",
            "{\"tag\":\"TxValid\"",
            "{\"tag\":\"TxValid\",\"seq\":5E4667170831888737,\"timestamp\":\"2026-01-01T00:00:00Z\"}",
    })
    void shouldReportMalformedFramesWithoutThrowing(String frame) {
        FrameDecoding decoding = codec.decodeFrame(frame);

        MalformedFrame malformed = assertInstanceOf(MalformedFrame.class, decoding);
        assertEquals(frame.length(), malformed.length());
        assertFalse(malformed.problem().isBlank());
    }

    @Test
    void shouldKeepOnlyAnExcerptOfAHugeMalformedFrame() {
        String frame = "x".repeat(100_000);

        MalformedFrame malformed = assertInstanceOf(MalformedFrame.class, codec.decodeFrame(frame));

        assertEquals(100_000, malformed.length());
        assertTrue(malformed.excerpt().length() <= MalformedFrame.EXCERPT_LENGTH + 1);
    }

    @Test
    void shouldRejectClientInputsThatAreNotTaggedObjects() {
        assertThrows(IllegalArgumentException.class, () -> codec.decodeClientInput("[]"));
        assertThrows(IllegalArgumentException.class, () -> codec.decodeClientInput("{\"transaction\":{}}"));

        ClientInput.NewTx bare = assertInstanceOf(ClientInput.NewTx.class,
                codec.decodeClientInput("{\"tag\":\"NewTx\",\"transaction\":{\"cborHex\":\"84\"}}"));
        assertEquals(Transaction.CONWAY, bare.transaction().type());
        assertNull(bare.transaction().txId());
    }

    private ServerMessage decoded(String frame) {
        return assertInstanceOf(FrameDecoding.Decoded.class, codec.decodeFrame(frame), frame).message();
    }

    private static Set<String> keys(JsonNode node) {
        Set<String> keys = new TreeSet<>();
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            keys.add(names.next());
        }
        return keys;
    }
}
