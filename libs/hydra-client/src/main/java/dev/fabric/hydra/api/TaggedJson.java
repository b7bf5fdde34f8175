package dev.fabric.hydra.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * A tagged diagnostic object this client passes through without modelling each variant (on-chain
 * transaction descriptions, post errors, side-load failures, deposit status): there are dozens of
 * variants, they change with every release, and clients only log them or branch on the tag.
 */
public record TaggedJson(ObjectNode json) {

    @JsonCreator
    public TaggedJson {
        Objects.requireNonNull(json, "json");
    }

    /** The variant's tag, or an empty string if the object has none. */
    public String tag() {
        return json.path("tag").asText("");
    }

    @JsonValue
    @Override
    public ObjectNode json() {
        return json;
    }
}
