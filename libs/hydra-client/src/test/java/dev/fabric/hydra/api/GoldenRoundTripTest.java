package dev.fabric.hydra.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.fabric.hydra.api.GoldenSamples.Kind;
import dev.fabric.hydra.api.GoldenSamples.Sample;
import dev.fabric.hydra.api.schema.JsonShapes;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every golden sample from hydra-node master decodes into a modelled type (never the unknown
 * fallback) and encodes back to the same shape, key for key.
 */
class GoldenRoundTripTest {

    private final HydraMessageCodec codec = new HydraMessageCodec();

    static Stream<Sample> serverOutputs() {
        return GoldenSamples.of(Kind.ServerOutput).stream();
    }

    static Stream<Sample> clientInputs() {
        return GoldenSamples.of(Kind.ClientInput).stream();
    }

    static Stream<Sample> greetings() {
        return GoldenSamples.of(Kind.Greetings).stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("serverOutputs")
    void shouldRoundTripServerOutput(Sample sample) {
        ServerOutput output = codec.decodeServerOutput(sample.json());

        assertFalse(output instanceof RawJson, () -> sample + " decoded as unknown: " + output);
        assertEquals(sample.name(), output.tag());
        assertSameShape(sample.json(), codec.toJson(output));
    }

    @ParameterizedTest(name = "{0} as a WebSocket frame")
    @MethodSource("serverOutputs")
    void shouldRoundTripServerOutputFramedWithSeqAndTimestamp(Sample sample) {
        JsonNode framed = sample.json().deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) framed).put("seq", 4242).put("timestamp", "2026-07-20T10:11:12.123456789012Z");

        FrameDecoding decoding = codec.decodeFrame(framed.toString());

        TimedServerOutput timed = (TimedServerOutput) assertInstanceOf(FrameDecoding.Decoded.class, decoding).message();
        assertEquals(4242, timed.seq());
        assertEquals(Instant.parse("2026-07-20T10:11:12.123456789Z"), timed.timestamp());
        assertFalse(timed.output() instanceof RawJson, () -> sample + " decoded as unknown");
        assertSameShape(framed, codec.toJson(timed));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("clientInputs")
    void shouldRoundTripClientInput(Sample sample) {
        ClientInput input = codec.decodeClientInput(sample.json());

        assertFalse(input instanceof RawJson, () -> sample + " decoded as unknown: " + input);
        assertEquals(sample.name(), input.tag());
        assertSameShape(sample.json(), codec.toJson(input));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("greetings")
    void shouldRoundTripGreetings(Sample sample) {
        FrameDecoding decoding = codec.decodeFrame(sample.json().toString());

        Greetings greetings = assertInstanceOf(Greetings.class, assertInstanceOf(FrameDecoding.Decoded.class, decoding).message());
        assertSameShape(sample.json(), codec.toJson(greetings));
    }

    private static void assertSameShape(JsonNode expected, JsonNode actual) {
        List<String> differences = JsonShapes.differences(expected, actual);
        assertTrue(differences.isEmpty(), () -> String.join("\n", differences));
    }
}
