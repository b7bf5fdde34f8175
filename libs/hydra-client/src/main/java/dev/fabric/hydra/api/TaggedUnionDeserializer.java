package dev.fabric.hydra.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.jsontype.TypeDeserializer;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Decodes a sealed tagged union by its {@code tag}: the permitted record with that tag, or the
 * union's {@link RawJson} variant (with the raw JSON) when the tag is unknown or, for a known tag,
 * the shape does not bind. Unions without a raw variant reject both.
 */
final class TaggedUnionDeserializer<T extends Tagged> extends StdDeserializer<T> {

    private static final Logger LOG = Logger.getLogger(TaggedUnionDeserializer.class);

    private final Class<T> union;
    private final Map<String, Class<? extends T>> byTag = new HashMap<>();
    private final Constructor<? extends T> rawVariant;

    @SuppressWarnings("unchecked")
    TaggedUnionDeserializer(Class<T> union) {
        super(union);
        this.union = union;
        Constructor<? extends T> raw = null;
        for (Class<?> permitted : union.getPermittedSubclasses()) {
            Class<? extends T> variant = (Class<? extends T>) permitted;
            if (RawJson.class.isAssignableFrom(variant)) {
                try {
                    raw = variant.getDeclaredConstructor(String.class, ObjectNode.class);
                } catch (NoSuchMethodException e) {
                    throw new IllegalStateException(variant.getName() + " must be a record (String tag, ObjectNode json)", e);
                }
            } else if (!variant.isInterface()) {
                Class<? extends T> previous = byTag.put(WireTags.of(variant), variant);
                if (previous != null) {
                    throw new IllegalStateException("two variants of " + union.getName() + " share tag " + WireTags.of(variant));
                }
            }
        }
        this.rawVariant = raw;
    }

    /** The tags of the variants this union models. */
    Set<String> knownTags() {
        return Set.copyOf(byTag.keySet());
    }

    @Override
    public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        JsonNode node = ctxt.readTree(p);
        if (!node.isObject()) {
            return (T) ctxt.handleUnexpectedToken(union, JsonToken.START_OBJECT, p,
                    "%s must be a JSON object, got %s", union.getSimpleName(), node.getNodeType());
        }
        return decode((ObjectNode) node, variant -> ctxt.readTreeAsValue(node, variant),
                problem -> ctxt.reportInputMismatch(union, "%s", problem));
    }

    /**
     * Decodes a tree already parsed (the codec's frames) without reading it into a second tree, as a
     * deserializer handed a tree-walking parser must. Same rules as {@link #deserialize}.
     *
     * @throws IllegalArgumentException when the tag is missing, or unknown to a union without a raw variant
     */
    T fromTree(ObjectNode node, ObjectMapper mapper) throws IOException {
        return decode(node, variant -> mapper.treeToValue(node, variant), problem -> {
            throw new IllegalArgumentException(problem);
        });
    }

    /** Binds a tree to one variant. */
    private interface Binder<T> {
        T bind(Class<? extends T> variant) throws IOException;
    }

    /** Reports a tree that is no member of the union; never returns normally. */
    private interface Refusal {
        void refuse(String problem) throws IOException;
    }

    private T decode(ObjectNode node, Binder<T> binder, Refusal refusal) throws IOException {
        JsonNode tagNode = node.get("tag");
        if (tagNode == null || !tagNode.isTextual()) {
            refusal.refuse(union.getSimpleName() + " has no textual \"tag\"");
        }
        String tag = tagNode.asText();
        Class<? extends T> variant = byTag.get(tag);
        if (variant == null) {
            if (rawVariant == null) {
                refusal.refuse("unknown " + union.getSimpleName() + " tag \"" + tag + "\"");
            }
            return raw(tag, node);
        }
        try {
            return binder.bind(variant);
        } catch (JsonMappingException e) {
            if (rawVariant == null) {
                throw e;
            }
            // A known tag whose shape changed (a newer or older node): keep it rather than lose it.
            LOG.warnf("%s \"%s\" did not bind, keeping it as raw JSON: %s", union.getSimpleName(), tag, e.getOriginalMessage());
            return raw(tag, node);
        }
    }

    @Override
    public Object deserializeWithType(JsonParser p, DeserializationContext ctxt, TypeDeserializer typeDeserializer)
            throws IOException {
        return deserialize(p, ctxt);
    }

    private T raw(String tag, ObjectNode node) {
        try {
            return rawVariant.newInstance(tag, node);
        } catch (InstantiationException | IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot build " + rawVariant.getDeclaringClass().getName(), e);
        }
    }
}
