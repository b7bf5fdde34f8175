package dev.fabric.hydra.api.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fabric.hydra.api.ClientInput;
import dev.fabric.hydra.api.ClientMessage;
import dev.fabric.hydra.api.GoldenSamples;
import dev.fabric.hydra.api.HydraMessageCodec;
import dev.fabric.hydra.api.RawJson;
import dev.fabric.hydra.api.SampleMessages;
import dev.fabric.hydra.api.ServerOutput;
import dev.fabric.hydra.api.Snapshot;
import dev.fabric.hydra.api.SubmitTxResult;
import dev.fabric.hydra.api.TimedServerOutput;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class HydraApiSchemaTest {

    private static final HydraMessageCodec CODEC = new HydraMessageCodec();

    static Stream<ServerOutput> serverOutputsOf230() {
        return SampleMessages.serverOutputs().stream().filter(o -> !SampleMessages.MASTER_ONLY.contains(o.tag()));
    }

    static Stream<ClientInput> clientInputsOf230() {
        return SampleMessages.clientInputs().stream().filter(i -> !SampleMessages.MASTER_ONLY.contains(i.tag()));
    }

    static Stream<ClientMessage> clientMessages() {
        return SampleMessages.clientMessages().stream();
    }

    static Stream<GoldenSamples.Sample> goldenServerOutputsOf230() {
        return GoldenSamples.of(GoldenSamples.Kind.ServerOutput).stream()
                .filter(s -> HydraApiSchema.tagsOf("ServerOutput").contains(s.name()));
    }

    @Test
    void shouldCoverEveryModelledVariantInTheSamples() {
        assertEquals(modelledTags(ServerOutput.class), tags(SampleMessages.serverOutputs().stream().map(ServerOutput::tag)));
        assertEquals(modelledTags(ClientInput.class), tags(SampleMessages.clientInputs().stream().map(ClientInput::tag)));
        assertEquals(modelledTags(ClientMessage.class), tags(SampleMessages.clientMessages().stream().map(ClientMessage::tag)));
    }

    @Test
    void shouldModelEveryTagOfTheSchema() {
        Set<String> modelledOutputs = modelledTags(ServerOutput.class);
        for (String tag : HydraApiSchema.tagsOf("ServerOutput")) {
            assertTrue(modelledOutputs.contains(tag) || tag.equals("InvalidInput"), () -> "ServerOutput " + tag + " is not modelled");
        }
        assertTrue(modelledTags(ClientInput.class).containsAll(HydraApiSchema.tagsOf("ClientInput")));
        assertTrue(modelledTags(ClientMessage.class).containsAll(HydraApiSchema.tagsOf("ClientMessage")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("serverOutputsOf230")
    void shouldEncodeEveryServerOutputToTheSchema(ServerOutput output) {
        JsonNode framed = CODEC.toJson(new TimedServerOutput(1042, SampleMessages.TIME, output));

        HydraApiSchema.validateServerOutput(framed).orThrow();
        HydraApiSchema.validateWebSocketMessage(framed).orThrow();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("serverOutputsOf230")
    void shouldAgreeWithTheSchemasOneOf(ServerOutput output) {
        JsonNode framed = CODEC.toJson(new TimedServerOutput(7, SampleMessages.TIME, output));
        ObjectNode withoutSeq = ((ObjectNode) framed.deepCopy());
        withoutSeq.remove("seq");

        assertTrue(HydraApiSchema.validate("ServerOutput", framed).valid());
        assertFalse(HydraApiSchema.validate("ServerOutput", withoutSeq).valid());
        assertFalse(HydraApiSchema.validateServerOutput(withoutSeq).valid());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("clientInputsOf230")
    void shouldEncodeEveryClientInputToTheSchema(ClientInput input) {
        HydraApiSchema.validateClientInput(CODEC.toJson(input)).orThrow();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("clientMessages")
    void shouldEncodeEveryClientMessageToTheSchema(ClientMessage message) {
        JsonNode json = CODEC.toJson(message);

        HydraApiSchema.validateClientMessage(json).orThrow();
        HydraApiSchema.validateWebSocketMessage(json).orThrow();
    }

    @Test
    void shouldEncodeGreetingsAndInvalidInputToTheSchema() {
        HydraApiSchema.validateGreetings(CODEC.toJson(SampleMessages.greetings())).orThrow();
        HydraApiSchema.validateWebSocketMessage(CODEC.toJson(SampleMessages.greetings())).orThrow();
        HydraApiSchema.validateServerOutput(CODEC.toJson(SampleMessages.invalidInput())).orThrow();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldenServerOutputsOf230")
    void shouldValidateReEncodedGoldenSamplesOf230(GoldenSamples.Sample sample) {
        ServerOutput output = CODEC.decodeServerOutput(sample.json());
        assertFalse(output instanceof RawJson);

        HydraApiSchema.validateServerOutput(CODEC.toJson(new TimedServerOutput(3, SampleMessages.TIME, output))).orThrow();
    }

    @Test
    void shouldRejectMasterOnlyMessagesAsUnknownTo230() {
        ServerOutput partial = SampleMessages.serverOutputs().stream()
                .filter(o -> o.tag().equals("HeadPartiallyFannedOut")).findFirst().orElseThrow();

        SchemaCheck check = HydraApiSchema.validateServerOutput(CODEC.toJson(new TimedServerOutput(1, SampleMessages.TIME, partial)));

        assertFalse(check.valid());
        assertTrue(check.errors().get(0).contains("is not a ServerOutput of hydra-node 2.3.0"), check::toString);
    }

    @Test
    void shouldTolerateSnapshotUtxoOmittedButNothingElse() {
        Snapshot withoutUtxo = SampleMessages.snapshot(null);
        ObjectNode confirmed = CODEC.toJson(new TimedServerOutput(5, SampleMessages.TIME,
                new ServerOutput.SnapshotConfirmed(SampleMessages.HEAD_ID, withoutUtxo, SampleMessages.signatures())));
        assertFalse(((ObjectNode) confirmed.get("snapshot")).has("utxo"));

        HydraApiSchema.validateServerOutput(confirmed).orThrow();

        ((ObjectNode) confirmed.get("snapshot")).remove("confirmed");
        SchemaCheck check = HydraApiSchema.validateServerOutput(confirmed);
        assertEquals(1, check.errors().size(), check::toString);
        assertTrue(check.errors().get(0).contains("confirmed"), check::toString);
    }

    @Test
    void shouldReportEachViolationWithItsPath() {
        ObjectNode txValid = CODEC.toJson(new TimedServerOutput(9, SampleMessages.TIME,
                new ServerOutput.TxValid(SampleMessages.HEAD_ID, SampleMessages.TX_ID)));
        txValid.remove("transactionId");
        txValid.put("seq", -1);
        txValid.put("timestamp", "yesterday");

        SchemaCheck check = HydraApiSchema.validateServerOutput(txValid);

        assertEquals(3, check.errors().size(), check::toString);
        assertTrue(check.errors().stream().anyMatch(e -> e.contains("$.timestamp")), check::toString);
        assertTrue(check.errors().stream().anyMatch(e -> e.contains("transactionId")), check::toString);
        assertTrue(check.errors().stream().anyMatch(e -> e.contains("$.seq")), check::toString);
        SchemaViolationException thrown = assertThrows(SchemaViolationException.class, check::orThrow);
        assertTrue(thrown.getMessage().contains("ServerOutput/TxValid"), thrown::getMessage);
    }

    @Test
    void shouldCheckMoneyAsIntegersInOutputs() {
        ObjectNode utxo = CODEC.toJson(SampleMessages.utxo());
        HydraApiSchema.validate("UTxO", utxo).orThrow();

        ((ObjectNode) utxo.get(SampleMessages.TX_ID + "#0").get("value")).put("lovelace", 1.5);

        assertFalse(HydraApiSchema.validate("UTxO", utxo).valid());
    }

    @Test
    void shouldValidateHttpResponseBodies() {
        HydraApiSchema.validate("ConfirmedSnapshot", CODEC.toJson(SampleMessages.confirmedSnapshot())).orThrow();
        HydraApiSchema.validate("Transaction", CODEC.toJson(SampleMessages.TX)).orThrow();
        for (Object head : List.of(SampleMessages.idleHead(), SampleMessages.openHead(), SampleMessages.closedHead())) {
            HydraApiSchema.validate("HeadState", CODEC.toJson(head)).orThrow();
        }
        for (SubmitTxResult result : List.of(new SubmitTxResult.SubmitTxSubmitted(), new SubmitTxResult.SubmitTxConfirmed(3),
                new SubmitTxResult.SubmitTxInvalid("BadInputsUTxO"), new SubmitTxResult.SubmitTxRejected("unsynced"))) {
            HydraApiSchema.validate("SubmitL2TxResponse", CODEC.toJson(result)).orThrow();
        }
    }

    private static Set<String> modelledTags(Class<?> union) {
        return Arrays.stream(union.getPermittedSubclasses())
                .filter(c -> !RawJson.class.isAssignableFrom(c))
                .map(c -> c.getSimpleName())
                .collect(Collectors.toSet());
    }

    private static Set<String> tags(Stream<String> tags) {
        return tags.collect(Collectors.toSet());
    }
}
