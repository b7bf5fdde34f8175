package dev.fabric.hydra.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * JSON to typed messages and back, for both sides of the API: the client decodes what a node sends
 * and encodes its inputs; an emulator encodes outputs and decodes inputs with the same model.
 */
public final class HydraMessageCodec {

    private static final Logger LOG = Logger.getLogger(HydraMessageCodec.class);
    private static final Set<String> CLIENT_MESSAGE_TAGS =
            new TaggedUnionDeserializer<>(ClientMessage.class).knownTags();
    private static final TaggedUnionDeserializer<ServerOutput> SERVER_OUTPUTS = new TaggedUnionDeserializer<>(ServerOutput.class);

    private final ObjectMapper mapper;

    public HydraMessageCodec() {
        this(HydraJson.mapper());
    }

    public HydraMessageCodec(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /**
     * Decodes one WebSocket text frame. Never throws: anything that is not a tagged JSON object with a
     * sane {@code seq}/{@code timestamp} is a {@link MalformedFrame}; an unknown or unbindable tag
     * keeps its JSON in an {@code Unknown} variant.
     */
    public FrameDecoding decodeFrame(CharSequence frame) {
        try {
            return decodeFrameUnchecked(frame);
        } catch (RuntimeException e) {
            return MalformedFrame.of(frame, "cannot decode: " + e);
        }
    }

    private FrameDecoding decodeFrameUnchecked(CharSequence frame) {
        JsonNode node;
        try {
            node = mapper.readTree(frame.toString());
        } catch (JsonProcessingException e) {
            return MalformedFrame.of(frame, "not JSON: " + e.getOriginalMessage());
        } catch (NumberFormatException e) {
            // Jackson lets this escape for a decimal whose exponent overflows (e.g. 5E4667170831888737).
            return MalformedFrame.of(frame, "not JSON: a number out of range: " + e.getMessage());
        }
        if (node == null || !node.isObject()) {
            return MalformedFrame.of(frame, "not a JSON object");
        }
        ObjectNode object = (ObjectNode) node;
        JsonNode tagNode = object.get("tag");
        if (tagNode == null || !tagNode.isTextual()) {
            return MalformedFrame.of(frame, "no textual \"tag\"");
        }
        String tag = tagNode.asText();
        if (object.has("seq")) {
            return decodeTimed(frame, object, tag);
        }
        return new FrameDecoding.Decoded(decodeUntimed(object, tag));
    }

    private FrameDecoding decodeTimed(CharSequence frame, ObjectNode object, String tag) {
        JsonNode seqNode = object.get("seq");
        if (!seqNode.isIntegralNumber() || !seqNode.canConvertToLong() || seqNode.asLong() < 0) {
            return MalformedFrame.of(frame, tag + " has a seq that is not a non-negative 64-bit integer: " + seqNode);
        }
        JsonNode timestampNode = object.get("timestamp");
        if (timestampNode == null || !timestampNode.isTextual()) {
            return MalformedFrame.of(frame, tag + " has seq but no textual timestamp");
        }
        Instant timestamp;
        try {
            timestamp = HydraTimestamps.parse(timestampNode.asText());
        } catch (DateTimeException e) {
            return MalformedFrame.of(frame, tag + " has an unparseable timestamp: " + timestampNode.asText());
        }
        // The tree was parsed for this frame alone: strip the envelope in place rather than copy a
        // SnapshotConfirmed of a hundred transactions.
        object.remove("seq");
        object.remove("timestamp");
        return new FrameDecoding.Decoded(new TimedServerOutput(seqNode.asLong(), timestamp, decodeServerOutput(object)));
    }

    private ServerMessage decodeUntimed(ObjectNode object, String tag) {
        try {
            if (tag.equals("Greetings")) {
                return mapper.treeToValue(object, Greetings.class);
            }
            if (tag.equals("InvalidInput")) {
                return mapper.treeToValue(object, InvalidInput.class);
            }
            if (CLIENT_MESSAGE_TAGS.contains(tag)) {
                return mapper.treeToValue(object, ClientMessage.class);
            }
        } catch (JsonProcessingException | IllegalArgumentException e) {
            LOG.warnf("%s did not bind, passing it on as an unknown message: %s", tag, e.getMessage());
        }
        return new UnknownMessage(tag, object);
    }

    /** Decodes a server output without its seq/timestamp envelope (e.g. the node's golden samples). */
    public ServerOutput decodeServerOutput(JsonNode json) {
        if (!json.isObject()) {
            throw new IllegalArgumentException("a server output must be a JSON object, got " + json.getNodeType());
        }
        try {
            return SERVER_OUTPUTS.fromTree((ObjectNode) json, mapper);
        } catch (java.io.IOException | IllegalArgumentException e) {
            // The union already keeps unknown and unbindable tags; this is a missing or non-text tag.
            throw new IllegalArgumentException("not a server output: " + e.getMessage(), e);
        }
    }

    public ClientInput decodeClientInput(CharSequence text) {
        try {
            return decodeClientInput(mapper.readTree(text.toString()));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("client input is not JSON: " + e.getOriginalMessage(), e);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("client input is not JSON: a number out of range: " + e.getMessage(), e);
        }
    }

    public ClientInput decodeClientInput(JsonNode json) {
        try {
            return mapper.treeToValue(json, ClientInput.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not a client input: " + e.getMessage(), e);
        }
    }

    /** Encodes anything the node sends on its WebSocket, e.g. for an emulator. */
    public String encode(ServerMessage message) {
        return write(message);
    }

    public String encode(ClientInput input) {
        return write(input);
    }

    /** The JSON tree of any model object (records, unions, UTxO, snapshots). */
    public ObjectNode toJson(Object value) {
        JsonNode tree = mapper.valueToTree(value);
        if (!tree.isObject()) {
            throw new IllegalArgumentException(value.getClass().getSimpleName() + " does not encode to a JSON object");
        }
        return (ObjectNode) tree;
    }

    public String write(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + value.getClass().getSimpleName(), e);
        }
    }

    public ObjectMapper mapper() {
        return mapper;
    }
}
