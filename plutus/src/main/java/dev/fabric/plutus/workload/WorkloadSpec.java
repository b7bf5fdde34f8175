package dev.fabric.plutus.workload;

import com.bloxbean.cardano.client.crypto.Blake2bUtil;
import com.bloxbean.cardano.client.util.HexUtil;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the deployer runs for a bid: a Kubernetes Deployment or Job from one image. Carries the same
 * facts as the {@code WorkloadSpec} event record (schemas/), in the form the bid transaction's
 * metadata holds and its datum hashes.
 *
 * <p>The canonical form is compact JSON with keys in a fixed (sorted) order and env sorted by name,
 * UTF-8; {@link #workloadHash()} is blake2b-256 of those bytes and is what the bid datum commits to.
 */
public record WorkloadSpec(Kind kind, String image, List<String> command, List<String> args, Map<String, String> env,
                           List<Integer> ports, int replicas) {

    public enum Kind {
        Deployment, Job
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    public WorkloadSpec {
        if (kind == null) {
            throw new IllegalArgumentException("kind is required (Deployment or Job)");
        }
        if (image == null || image.isBlank()) {
            throw new IllegalArgumentException("image is required");
        }
        command = command == null ? List.of() : List.copyOf(command);
        args = args == null ? List.of() : List.copyOf(args);
        if (replicas < 1) {
            throw new IllegalArgumentException("replicas must be >= 1, got " + replicas);
        }
        env = env == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(env));
        ports = ports == null ? List.of() : List.copyOf(ports);
        for (int port : ports) {
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("port out of range: " + port);
            }
        }
    }

    /** A single-replica workload with the image's own entrypoint. */
    public WorkloadSpec(Kind kind, String image, List<String> args, Map<String, String> env, List<Integer> ports) {
        this(kind, image, List.of(), args, env, ports, 1);
    }

    public byte[] canonicalBytes() {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode argsNode = root.putArray("args");
        args.forEach(argsNode::add);
        ArrayNode commandNode = root.putArray("command");
        command.forEach(commandNode::add);
        ObjectNode envNode = root.putObject("env");
        env.forEach(envNode::put);
        root.put("image", image);
        root.put("kind", kind.name());
        ArrayNode portsNode = root.putArray("ports");
        ports.forEach(portsNode::add);
        root.put("replicas", replicas);
        try {
            return JSON.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write workload spec", e);
        }
    }

    /** blake2b-256 of {@link #canonicalBytes()}, lowercase hex: the bid datum's {@code workloadHash}. */
    public String workloadHash() {
        return HexUtil.encodeHexString(Blake2bUtil.blake2bHash256(canonicalBytes()));
    }

    /** Parses the canonical JSON (or any JSON of the same shape). */
    public static WorkloadSpec fromJson(byte[] json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("workload spec is not valid JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("workload spec must be a JSON object");
        }
        String kindText = text(root, "kind");
        Kind kind;
        try {
            kind = Kind.valueOf(kindText);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("workload kind must be Deployment or Job, got " + kindText, e);
        }
        // Strict types: the bid commits to these bytes, so a value read leniently (an object as "",
        // 8080.9 as 8080) would run something other than what the app's hash covers.
        List<String> command = strings(root, "command");
        List<String> args = strings(root, "args");
        Map<String, String> env = new TreeMap<>();
        JsonNode envNode = root.get("env");
        if (envNode != null) {
            if (!envNode.isObject()) {
                throw new IllegalArgumentException("workload 'env' must be an object of strings");
            }
            Iterator<Map.Entry<String, JsonNode>> fields = envNode.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> e = fields.next();
                if (!e.getValue().isTextual()) {
                    throw new IllegalArgumentException("workload 'env." + e.getKey() + "' must be a string");
                }
                env.put(e.getKey(), e.getValue().asText());
            }
        }
        List<Integer> ports = new ArrayList<>();
        for (JsonNode port : array(root, "ports")) {
            if (!port.isIntegralNumber() || !port.canConvertToInt()) {
                throw new IllegalArgumentException("workload 'ports' must hold integers, got " + port);
            }
            ports.add(port.asInt());
        }
        JsonNode replicas = root.get("replicas");
        if (replicas != null && (!replicas.isIntegralNumber() || !replicas.canConvertToInt())) {
            throw new IllegalArgumentException("workload replicas must be a small integer");
        }
        return new WorkloadSpec(kind, text(root, "image"), command, args, env, ports, replicas == null ? 1 : replicas.asInt());
    }

    private static JsonNode array(JsonNode root, String field) {
        JsonNode node = root.get(field);
        if (node == null) {
            return JSON.createArrayNode();
        }
        if (!node.isArray()) {
            throw new IllegalArgumentException("workload '" + field + "' must be an array");
        }
        return node;
    }

    private static List<String> strings(JsonNode root, String field) {
        List<String> values = new ArrayList<>();
        for (JsonNode value : array(root, field)) {
            if (!value.isTextual()) {
                throw new IllegalArgumentException("workload '" + field + "' must hold strings, got " + value);
            }
            values.add(value.asText());
        }
        return values;
    }

    private static String text(JsonNode root, String field) {
        JsonNode node = root.get(field);
        if (node == null || !node.isTextual()) {
            throw new IllegalArgumentException("workload spec needs a string '" + field + "'");
        }
        return node.asText();
    }

    @Override
    public String toString() {
        return new String(canonicalBytes(), StandardCharsets.UTF_8);
    }
}
