package dev.fabric.plutus.blueprint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The CIP-57 blueprint ({@code plutus.json}) compiled from {@code plutus/contracts}: validators with
 * their compiled code and hash, and the data schemas of their datums and redeemers.
 */
public record Blueprint(JsonNode json, List<Validator> validators) {

    /** Classpath location of the committed blueprint. */
    public static final String RESOURCE = "/plutus.json";

    /** One validator entry as the blueprint lists it. */
    public record Validator(String title, String compiledCode, String hash, JsonNode datumSchema,
                            JsonNode redeemerSchema) {
    }

    public static Blueprint fromClasspath() {
        try (InputStream in = Blueprint.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("blueprint " + RESOURCE + " is not on the classpath");
            }
            return parse(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read blueprint " + RESOURCE, e);
        }
    }

    public static Blueprint parse(byte[] json) {
        try {
            JsonNode root = new ObjectMapper().readTree(json);
            List<Validator> validators = new ArrayList<>();
            for (JsonNode v : required(root, "validators")) {
                validators.add(new Validator(
                        required(v, "title").asText(),
                        required(v, "compiledCode").asText(),
                        required(v, "hash").asText(),
                        required(required(v, "datum"), "schema"),
                        required(required(v, "redeemer"), "schema")));
            }
            return new Blueprint(root, List.copyOf(validators));
        } catch (IOException e) {
            throw new IllegalArgumentException("blueprint is not valid JSON", e);
        }
    }

    public Optional<Validator> validator(String title) {
        return validators.stream().filter(v -> v.title().equals(title)).findFirst();
    }

    /** Resolves a schema that may be a {@code {"$ref": "#/definitions/Name"}} to the schema itself. */
    public JsonNode resolve(JsonNode schema) {
        JsonNode ref = schema.get("$ref");
        if (ref == null) {
            return schema;
        }
        String prefix = "#/definitions/";
        String target = ref.asText();
        if (!target.startsWith(prefix)) {
            throw new IllegalArgumentException("unsupported schema reference " + target);
        }
        String name = target.substring(prefix.length()).replace("~1", "/").replace("~0", "~");
        JsonNode definition = required(json, "definitions").get(name);
        if (definition == null) {
            throw new IllegalArgumentException("blueprint has no definition " + name);
        }
        return definition;
    }

    private static JsonNode required(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException("blueprint is missing '" + field + "'");
        }
        return value;
    }
}
