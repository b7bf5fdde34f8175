package dev.fabric.hydra.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fabric.hydra.api.GoldenSamples.Kind;
import dev.fabric.hydra.api.GoldenSamples.Sample;
import dev.fabric.testkit.CorpusTally;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Bad-input corpus for the WebSocket frame decoder, generated (seeded) from the node's golden
 * server outputs: fields dropped, values swapped for other types or huge numbers, envelopes broken,
 * text truncated or overwritten with random characters. Every frame must come back as a
 * {@link MalformedFrame} with a specific problem, or decode, keeping the mutated JSON intact when the
 * shape no longer binds. A frame only the decoder's catch-all could handle is a bug.
 */
class FrameCorpusTest {

    private static final long SEED = 0x5EED_F4A3EL;
    private static final int PER_MUTATION = 300;
    private static final String TIMESTAMP = "2026-07-20T10:11:12.123456Z";
    private static final CorpusTally TALLY = new CorpusTally("hydra-json-frames");
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final HydraMessageCodec codec = new HydraMessageCodec();
    private final List<Sample> samples = GoldenSamples.of(Kind.ServerOutput);
    private final SplittableRandom random = new SplittableRandom(SEED);

    @AfterAll
    static void report() {
        TALLY.report();
    }

    private ObjectNode framedSample() {
        ObjectNode frame = samples.get(random.nextInt(samples.size())).json().deepCopy();
        frame.put("seq", random.nextLong(0, Long.MAX_VALUE)).put("timestamp", TIMESTAMP);
        return frame;
    }

    @Test
    void shouldKeepTheJsonOfFramesWithFieldsDroppedOrRetyped() {
        for (int i = 0; i < PER_MUTATION * 2; i++) {
            ObjectNode frame = framedSample();
            boolean drop = i % 2 == 0;
            if (!mutateRandomField(frame, drop)) {
                continue;
            }
            String text = frame.toString();
            TimedServerOutput timed = decodedTimed(text);
            ObjectNode withoutEnvelope = reparsed(text);
            withoutEnvelope.remove(List.of("seq", "timestamp"));
            if (timed.output() instanceof RawJson raw) {
                assertEquals(withoutEnvelope, raw.json(), "the unknown fallback must keep the JSON as received");
                TALLY.rejected();
            } else {
                // Dropping an optional field or swapping a value the model reads leniently still binds.
                assertEquals(frame.get("tag").asText(), timed.output().tag());
                TALLY.accepted();
            }
        }
    }

    @Test
    void shouldRefuseFramesWithABrokenEnvelope() {
        for (int i = 0; i < PER_MUTATION; i++) {
            ObjectNode frame = framedSample();
            String expected;
            switch (i % 3) {
                case 0 -> {
                    JsonNode[] badTags = {null, JSON.numberNode(7), JSON.nullNode(), JSON.arrayNode(), JSON.booleanNode(true)};
                    JsonNode tag = badTags[random.nextInt(badTags.length)];
                    if (tag == null) {
                        frame.remove("tag");
                    } else {
                        frame.set("tag", tag);
                    }
                    expected = "no textual \"tag\"";
                }
                case 1 -> {
                    JsonNode[] badSeqs = {JSON.numberNode(-1 - random.nextInt(1000)), JSON.textNode("7"), JSON.numberNode(1.5),
                            JSON.numberNode(new BigInteger("9".repeat(20 + random.nextInt(400)))), JSON.nullNode(), JSON.objectNode()};
                    frame.set("seq", badSeqs[random.nextInt(badSeqs.length)]);
                    expected = "seq";
                }
                default -> {
                    JsonNode[] badTimes = {null, JSON.textNode("yesterday"), JSON.numberNode(1_700_000_000L),
                            JSON.textNode("2026-13-45T99:99:99Z"), JSON.textNode("")};
                    JsonNode time = badTimes[random.nextInt(badTimes.length)];
                    if (time == null) {
                        frame.remove("timestamp");
                    } else {
                        frame.set("timestamp", time);
                    }
                    expected = "timestamp";
                }
            }
            MalformedFrame malformed = malformed(frame.toString());
            assertTrue(malformed.problem().contains(expected), () -> malformed.problem() + " for " + frame);
            TALLY.rejected();
        }
    }

    @Test
    void shouldRefuseTruncatedFramesAsNotJson() {
        for (int i = 0; i < PER_MUTATION; i++) {
            String text = framedSample().toString();
            String truncated = text.substring(0, random.nextInt(1, text.length()));
            MalformedFrame malformed = malformed(truncated);
            assertTrue(malformed.problem().startsWith("not JSON"), malformed::problem);
            assertEquals(truncated.length(), malformed.length());
            TALLY.rejected();
        }
    }

    @Test
    void shouldSurviveRandomCharactersAndHugeNumbers() {
        for (int i = 0; i < PER_MUTATION * 2; i++) {
            char[] text = framedSample().toString().toCharArray();
            if (i % 2 == 0) {
                for (int n = 1 + random.nextInt(4); n > 0; n--) {
                    text[random.nextInt(text.length)] = (char) random.nextInt(0x20, 0x7f);
                }
                classify(new String(text));
            } else {
                classify(withHugeNumber(new String(text)));
            }
        }
    }

    /** Replaces one number literal with a huge integer or exponent, as a faulty or hostile node might. */
    private String withHugeNumber(String text) {
        List<int[]> numbers = new ArrayList<>();
        for (int at = 0; at < text.length(); at++) {
            if (text.charAt(at) == ':' && at + 1 < text.length() && Character.isDigit(text.charAt(at + 1))) {
                int end = at + 1;
                while (end < text.length() && (Character.isDigit(text.charAt(end)) || text.charAt(end) == '.')) {
                    end++;
                }
                numbers.add(new int[] {at + 1, end});
            }
        }
        int[] span = numbers.get(random.nextInt(numbers.size()));
        String[] huge = {"9".repeat(40 + random.nextInt(900)), "1e999999", "-1e-999999", "123456789012345678901234567890.5"};
        return text.substring(0, span[0]) + huge[random.nextInt(huge.length)] + text.substring(span[1]);
    }

    private void classify(String frame) {
        FrameDecoding decoding = decode(frame);
        if (decoding instanceof MalformedFrame) {
            TALLY.rejected();
        } else if (((FrameDecoding.Decoded) decoding).message() instanceof TimedServerOutput timed
                && timed.output() instanceof RawJson) {
            TALLY.rejected();
        } else {
            TALLY.accepted();
        }
    }

    private FrameDecoding decode(String frame) {
        TALLY.tried();
        FrameDecoding decoding;
        try {
            decoding = codec.decodeFrame(frame);
        } catch (RuntimeException e) {
            return fail("decodeFrame threw on " + frame, e);
        }
        if (decoding instanceof MalformedFrame malformed) {
            // The catch-all names an exception the decoder did not foresee: that is a bug, not a verdict.
            assertFalse(malformed.problem().startsWith("cannot decode"), () -> malformed.problem() + " for " + frame);
        }
        return decoding;
    }

    /** The frame as the decoder saw it (a tree built in Java may hold other number node types). */
    private ObjectNode reparsed(String text) {
        try {
            return (ObjectNode) codec.mapper().readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }

    private MalformedFrame malformed(String frame) {
        return assertInstanceOf(MalformedFrame.class, decode(frame), frame);
    }

    private TimedServerOutput decodedTimed(String frame) {
        FrameDecoding decoding = decode(frame);
        ServerMessage message = assertInstanceOf(FrameDecoding.Decoded.class, decoding, () -> frame + " gave " + decoding).message();
        return assertInstanceOf(TimedServerOutput.class, message, frame);
    }

    /** Drops or retypes one field below the envelope; false when the sample has none to mutate. */
    private boolean mutateRandomField(ObjectNode frame, boolean drop) {
        List<JsonNode> parents = new ArrayList<>();
        collectContainers(frame, parents);
        for (int attempt = 0; attempt < 10; attempt++) {
            JsonNode parent = parents.get(random.nextInt(parents.size()));
            if (parent instanceof ObjectNode object) {
                List<String> names = new ArrayList<>();
                object.fieldNames().forEachRemaining(names::add);
                if (object == frame) {
                    names.removeAll(List.of("tag", "seq", "timestamp"));
                }
                if (names.isEmpty()) {
                    continue;
                }
                String name = names.get(random.nextInt(names.size()));
                if (drop) {
                    object.remove(name);
                } else {
                    object.set(name, otherType(object.get(name)));
                }
                return true;
            }
            if (parent instanceof ArrayNode array && !array.isEmpty()) {
                int index = random.nextInt(array.size());
                if (drop) {
                    array.remove(index);
                } else {
                    array.set(index, otherType(array.get(index)));
                }
                return true;
            }
        }
        return false;
    }

    private static void collectContainers(JsonNode node, List<JsonNode> into) {
        if (node.isContainerNode()) {
            into.add(node);
            for (Iterator<JsonNode> children = node.elements(); children.hasNext(); ) {
                collectContainers(children.next(), into);
            }
        }
    }

    private JsonNode otherType(JsonNode value) {
        List<JsonNode> candidates = new ArrayList<>(List.of(
                JSON.textNode("not-" + value.getNodeType()),
                JSON.numberNode(-1L),
                JSON.numberNode(new BigInteger("9".repeat(30 + random.nextInt(300)))),
                JSON.numberNode(0.5),
                JSON.booleanNode(false),
                JSON.nullNode(),
                JSON.arrayNode().add(1),
                JSON.objectNode().put("unexpected", true)));
        candidates.removeIf(candidate -> candidate.getNodeType() == value.getNodeType());
        return candidates.get(random.nextInt(candidates.size()));
    }
}
