package dev.fabric.hydra.api.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.NonValidationKeyword;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Validates hydra-node API messages against the AsyncAPI {@code api.yaml} of hydra-node
 * {@value #VERSION}, bundled in this jar (see {@code PROVENANCE.md} beside it). All {@code $ref}s
 * resolve from the classpath, including cardanonical's, which {@code api.yaml} names by URL.
 *
 * <p>A message is checked against the schema its {@code tag} selects within the union
 * ({@code ServerOutput}, {@code ClientInput}, {@code ClientMessage}). Every variant of those unions
 * requires its own single-valued {@code tag}, so this is exactly the union's {@code oneOf}, with
 * errors about the one variant that matters instead of thirty.
 *
 * <p>Where the node's encoder and the schema disagree, the encoder wins; tolerated here:
 * <ul>
 *   <li>{@code SnapshotConfirmed.snapshot.utxo} is required by the schema but omitted by the node
 *       for connections with {@code snapshot-utxo=no}.</li>
 * </ul>
 * Extra fields the encoder adds ({@code SnapshotConfirmed.signatures}, {@code Snapshot.accumulator})
 * are allowed by the schema as it stands and need no exception.
 */
public final class HydraApiSchema {

    public static final String VERSION = "2.3.0";

    private static final String BASE = "classpath:dev/fabric/hydra/api/schema/" + VERSION + "/";
    private static final String API = BASE + "api.yaml";
    private static final String CARDANONICAL_URL =
            "https://raw.githubusercontent.com/cardano-scaling/hydra/master/hydra-node/json-schemas/";

    private static final List<String> ASYNCAPI_KEYWORDS =
            List.of("asyncapi", "info", "defaultContentType", "servers", "channels", "components", "example");

    private final JsonSchemaFactory factory;
    private final SchemaValidatorsConfig config;
    private final Map<String, JsonSchema> schemas = new ConcurrentHashMap<>();
    private final Set<String> serverOutputTags;
    private final Set<String> clientInputTags;
    private final Set<String> clientMessageTags;

    private HydraApiSchema() {
        // AsyncAPI's schema objects are draft 7 plus a few document-level and annotation keywords;
        // declaring those keeps the validator from warning about each of them.
        JsonMetaSchema asyncApiSchema = JsonMetaSchema.builder(JsonMetaSchema.getV7())
                .keywords(ASYNCAPI_KEYWORDS.stream().map(NonValidationKeyword::new).toList())
                .build();
        factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7, builder -> builder
                .metaSchema(asyncApiSchema)
                .schemaMappers(mappers -> mappers.mapPrefix(CARDANONICAL_URL, BASE)));
        config = SchemaValidatorsConfig.builder()
                .pathType(PathType.JSON_PATH)
                .formatAssertionsEnabled(true)
                .build();
        JsonNode api = readApi();
        serverOutputTags = unionTags(api, "ServerOutput");
        clientInputTags = unionTags(api, "ClientInput");
        clientMessageTags = unionTags(api, "ClientMessage");
    }

    private static final class Loaded {
        static final HydraApiSchema INSTANCE = new HydraApiSchema();
    }

    private static HydraApiSchema instance() {
        return Loaded.INSTANCE;
    }

    /**
     * A persisted server output as the WebSocket carries it: the output's fields plus {@code seq} and
     * {@code timestamp} (and {@code InvalidInput}, which the schema lists among the outputs).
     */
    public static SchemaCheck validateServerOutput(JsonNode message) {
        return instance().checkUnionMember("ServerOutput", instance().serverOutputTags, message);
    }

    /** An input a client sends ({@code NewTx}, {@code Init}, ...). */
    public static SchemaCheck validateClientInput(JsonNode message) {
        return instance().checkUnionMember("ClientInput", instance().clientInputTags, message);
    }

    /** A message broadcast in reaction to an input ({@code CommandFailed}, {@code PostTxOnChainFailed}, ...). */
    public static SchemaCheck validateClientMessage(JsonNode message) {
        return instance().checkUnionMember("ClientMessage", instance().clientMessageTags, message);
    }

    public static SchemaCheck validateGreetings(JsonNode message) {
        return instance().check("Greetings", message);
    }

    /** Anything a node may send on its WebSocket, dispatched by tag to the checks above. */
    public static SchemaCheck validateWebSocketMessage(JsonNode message) {
        String tag = message.path("tag").asText("");
        if (tag.equals("Greetings")) {
            return validateGreetings(message);
        }
        if (instance().clientMessageTags.contains(tag)) {
            return validateClientMessage(message);
        }
        return validateServerOutput(message);
    }

    /**
     * Any schema under {@code components/schemas} of {@code api.yaml}, e.g. {@code UTxO},
     * {@code ConfirmedSnapshot}, {@code HeadState}, {@code ProtocolParameters},
     * {@code SubmitL2TxResponse}, {@code Transaction}: what the HTTP endpoints return.
     */
    public static SchemaCheck validate(String componentSchema, JsonNode document) {
        return instance().check(componentSchema, document);
    }

    /** The tags the schema lists in a union ({@code ServerOutput}, {@code ClientInput}, {@code ClientMessage}). */
    public static Set<String> tagsOf(String union) {
        return switch (union) {
            case "ServerOutput" -> instance().serverOutputTags;
            case "ClientInput" -> instance().clientInputTags;
            case "ClientMessage" -> instance().clientMessageTags;
            default -> throw new IllegalArgumentException("not a tagged union of api.yaml: " + union);
        };
    }

    private SchemaCheck checkUnionMember(String union, Set<String> tags, JsonNode message) {
        JsonNode tag = message.path("tag");
        if (!tag.isTextual()) {
            return new SchemaCheck(union, List.of("$: no textual \"tag\""));
        }
        if (!tags.contains(tag.asText())) {
            return new SchemaCheck(union, List.of("$.tag: \"" + tag.asText() + "\" is not a " + union
                    + " of hydra-node " + VERSION + " (known: " + tags + ")"));
        }
        SchemaCheck variant = check(tag.asText(), message);
        return new SchemaCheck(union + "/" + variant.schema(), variant.errors());
    }

    private SchemaCheck check(String componentSchema, JsonNode document) {
        JsonSchema schema = schemas.computeIfAbsent(componentSchema, this::load);
        List<String> errors = new ArrayList<>();
        for (ValidationMessage message : schema.validate(document)) {
            if (!toleratedDeviation(componentSchema, message)) {
                errors.add(message.getMessage());
            }
        }
        errors.sort(null);
        return new SchemaCheck(componentSchema, errors);
    }

    private static boolean toleratedDeviation(String componentSchema, ValidationMessage message) {
        return componentSchema.equals("SnapshotConfirmed")
                && "required".equals(message.getType())
                && "utxo".equals(message.getProperty())
                && "$.snapshot".equals(message.getInstanceLocation().toString());
    }

    private JsonSchema load(String componentSchema) {
        JsonSchema schema = factory.getSchema(SchemaLocation.of(API + "#/components/schemas/" + componentSchema), config);
        // Resolve every $ref now, so a broken reference fails here rather than in the middle of a check.
        schema.initializeValidators();
        return schema;
    }

    private static JsonNode readApi() {
        try (InputStream in = HydraApiSchema.class.getResourceAsStream("/" + API.substring("classpath:".length()))) {
            if (in == null) {
                throw new IllegalStateException("api.yaml is missing from the classpath: " + API);
            }
            return new YAMLMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + API, e);
        }
    }

    private static Set<String> unionTags(JsonNode api, String union) {
        JsonNode alternatives = api.path("components").path("schemas").path(union).path("oneOf");
        if (!alternatives.isArray() || alternatives.isEmpty()) {
            throw new IllegalStateException("api.yaml has no oneOf for " + union);
        }
        Set<String> tags = new LinkedHashSet<>();
        for (JsonNode alternative : alternatives) {
            String ref = alternative.path("$ref").asText();
            tags.add(ref.substring(ref.lastIndexOf('/') + 1));
        }
        return Set.copyOf(tags);
    }
}
