package dev.fabric.grid.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.fabric.plutus.datum.BidDatum;
import dev.fabric.plutus.datum.KeyHash;
import dev.fabric.plutus.datum.Mode;
import dev.fabric.plutus.datum.Request;
import dev.fabric.plutus.workload.WorkloadSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A bid request file (YAML or JSON) as {@code fabric bid post} reads it. Every field is checked
 * and a mistake is reported with its path ({@code request.cpuMillis: must be a positive integer}),
 * before anything is signed.
 *
 * <pre>
 * mode: auction            # race | auction | reputation
 * windowSeconds: 20        # auction: how long offers are collected
 * minScoreBps: 2000        # reputation: score needed during the priority window
 * priorityWindowSeconds: 15
 * minPrice: 2000000        # lovelace
 * maxPrice: 9000000        # lovelace, held in escrow
 * deadlineSeconds: 120     # from now
 * allowedOperators: []     # operator ids (hex key hashes); empty = anyone
 * request: {cpuMillis: 1000, memoryMiB: 1024, storageGiB: 10, gpus: 0, durationSeconds: 300, region: eu-west}
 * workload: {kind: Deployment, image: ghcr.io/acme/api:1.4.2, args: ["--port", "8080"], ports: [8080], replicas: 1}
 * </pre>
 */
public final class BidRequestFile {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The parsed request: the datum to lock (minus the app and arbiter) and the workload. */
    public record Parsed(Mode mode, long minPrice, long maxPrice, long deadlineSeconds, List<KeyHash> allowedOperators,
                         long cpuMillis, long memoryMiB, long storageGiB, long gpus, long durationSeconds,
                         Optional<String> region, WorkloadSpec workload) {

        public BidDatum datum(KeyHash app, Optional<KeyHash> arbiter, Instant now) {
            Request request = new Request(cpuMillis, memoryMiB, storageGiB, gpus, durationSeconds, region, workload.workloadHash());
            return new BidDatum(app, request, minPrice, maxPrice, mode, now.plusSeconds(deadlineSeconds).toEpochMilli(), arbiter,
                    allowedOperators);
        }
    }

    private BidRequestFile() {
    }

    /** Bounds that keep every value inside what the datum and the clock can hold, and inside reason. */
    static final long MAX_WINDOW_SECONDS = 86_400;
    static final long MAX_DEADLINE_SECONDS = 30L * 86_400;
    static final long MAX_REPLICAS = 1_000;

    public static Parsed read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new CliInputException(file + ": no such file");
        }
        JsonNode root;
        try {
            String name = file.getFileName().toString().toLowerCase();
            root = (name.endsWith(".json") ? JSON : YAML).readTree(file.toFile());
        } catch (IOException e) {
            throw new CliInputException(file + ": not valid YAML/JSON: " + firstLine(e.getMessage()));
        }
        return parse(root, file.toString());
    }

    static Parsed parse(JsonNode root, String source) {
        if (root == null || !root.isObject()) {
            throw new CliInputException(source + ": the request must be a mapping of fields");
        }
        Fields f = new Fields(root, source, "");
        String modeName = f.text("mode", Optional.of("auction")).toLowerCase();
        Mode mode;
        try {
            mode = switch (modeName) {
                case "race" -> new Mode.Race();
                case "auction" -> new Mode.Auction(f.positiveAtMost("windowSeconds", Optional.of(20L), MAX_WINDOW_SECONDS) * 1000);
                case "reputation" -> {
                    long bps = f.positive("minScoreBps", Optional.empty());
                    if (bps > 10_000) {
                        throw f.error("minScoreBps", "must be at most 10000 (basis points)");
                    }
                    yield new Mode.Reputation((int) bps, f.positiveAtMost("priorityWindowSeconds", Optional.of(15L), MAX_WINDOW_SECONDS) * 1000);
                }
                default -> throw f.error("mode", "must be race, auction or reputation, got '" + modeName + "'");
            };
        } catch (IllegalArgumentException e) {
            throw f.error("mode", e.getMessage());
        }
        long minPrice = f.positive("minPrice", Optional.empty());
        long maxPrice = f.positive("maxPrice", Optional.empty());
        if (maxPrice < minPrice) {
            throw f.error("maxPrice", "must be at least minPrice (" + minPrice + ")");
        }
        long deadline = f.positiveAtMost("deadlineSeconds", Optional.of(120L), MAX_DEADLINE_SECONDS);
        List<KeyHash> allowed = new ArrayList<>();
        JsonNode allowedNode = root.path("allowedOperators");
        if (!allowedNode.isMissingNode() && !allowedNode.isNull()) {
            if (!allowedNode.isArray()) {
                throw f.error("allowedOperators", "must be a list of operator ids");
            }
            for (int i = 0; i < allowedNode.size(); i++) {
                String id = allowedNode.get(i).asText();
                if (!id.matches("[0-9a-f]{56}")) {
                    throw f.error("allowedOperators[" + i + "]", "must be 56 lowercase hex characters (a key hash), got '" + id + "'");
                }
                allowed.add(KeyHash.of(java.util.HexFormat.of().parseHex(id)));
            }
        }
        Fields request = f.object("request");
        long cpu = request.positive("cpuMillis", Optional.empty());
        long memory = request.positive("memoryMiB", Optional.empty());
        long storage = request.nonNegative("storageGiB", Optional.of(0L));
        long gpus = request.nonNegative("gpus", Optional.of(0L));
        long duration = request.positive("durationSeconds", Optional.empty());
        Optional<String> region = request.optionalText("region");
        Fields workload = f.object("workload");
        String kindName = workload.text("kind", Optional.of("Deployment"));
        WorkloadSpec.Kind kind;
        try {
            kind = WorkloadSpec.Kind.valueOf(kindName);
        } catch (IllegalArgumentException e) {
            throw workload.error("kind", "must be Deployment or Job, got '" + kindName + "'");
        }
        WorkloadSpec spec;
        try {
            spec = new WorkloadSpec(kind, workload.text("image", Optional.empty()), workload.strings("command"), workload.strings("args"),
                    workload.stringMap("env"), workload.ints("ports"), (int) workload.positiveAtMost("replicas", Optional.of(1L), MAX_REPLICAS));
        } catch (IllegalArgumentException e) {
            throw new CliInputException(source + ": workload: " + e.getMessage());
        }
        return new Parsed(mode, minPrice, maxPrice, deadline, List.copyOf(allowed), cpu, memory, storage, gpus, duration, region, spec);
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }

    /** Typed access to one mapping of the file, reporting errors with the field's path. */
    private record Fields(JsonNode node, String source, String prefix) {

        CliInputException error(String field, String problem) {
            return new CliInputException(source + ": " + prefix + field + ": " + problem);
        }

        Fields object(String field) {
            JsonNode child = node.get(field);
            if (child == null || !child.isObject()) {
                throw error(field, "is required and must be a mapping");
            }
            return new Fields(child, source, prefix + field + ".");
        }

        String text(String field, Optional<String> fallback) {
            JsonNode value = node.get(field);
            if (value == null || value.isNull()) {
                return fallback.orElseThrow(() -> error(field, "is required"));
            }
            if (!value.isTextual() || value.asText().isBlank()) {
                throw error(field, "must be a non-empty string");
            }
            return value.asText();
        }

        Optional<String> optionalText(String field) {
            JsonNode value = node.get(field);
            if (value == null || value.isNull()) {
                return Optional.empty();
            }
            if (!value.isTextual()) {
                throw error(field, "must be a string");
            }
            return Optional.of(value.asText());
        }

        long positiveAtMost(String field, Optional<Long> fallback, long max) {
            long value = positive(field, fallback);
            if (value > max) {
                throw error(field, "must be at most " + max + ", got " + value);
            }
            return value;
        }

        long positive(String field, Optional<Long> fallback) {
            long value = integer(field, fallback);
            if (value <= 0) {
                throw error(field, "must be a positive integer, got " + value);
            }
            return value;
        }

        long nonNegative(String field, Optional<Long> fallback) {
            long value = integer(field, fallback);
            if (value < 0) {
                throw error(field, "must not be negative, got " + value);
            }
            return value;
        }

        private long integer(String field, Optional<Long> fallback) {
            JsonNode value = node.get(field);
            if (value == null || value.isNull()) {
                return fallback.orElseThrow(() -> error(field, "is required"));
            }
            if (!value.isIntegralNumber() || !value.canConvertToLong()) {
                throw error(field, "must be a whole number, got '" + value.asText() + "'");
            }
            return value.asLong();
        }

        List<String> strings(String field) {
            JsonNode value = node.get(field);
            List<String> out = new ArrayList<>();
            if (value == null || value.isNull()) {
                return out;
            }
            if (!value.isArray()) {
                throw error(field, "must be a list of strings");
            }
            for (int i = 0; i < value.size(); i++) {
                out.add(scalar(field + "[" + i + "]", value.get(i)));
            }
            return out;
        }

        List<Integer> ints(String field) {
            JsonNode value = node.get(field);
            List<Integer> out = new ArrayList<>();
            if (value == null || value.isNull()) {
                return out;
            }
            if (!value.isArray()) {
                throw error(field, "must be a list of port numbers");
            }
            for (JsonNode v : value) {
                if (!v.isInt() || v.asInt() < 1 || v.asInt() > 65535) {
                    throw error(field, "ports must be integers within 1..65535, got '" + v.asText() + "'");
                }
                out.add(v.asInt());
            }
            return out;
        }

        Map<String, String> stringMap(String field) {
            JsonNode value = node.get(field);
            Map<String, String> out = new LinkedHashMap<>();
            if (value == null || value.isNull()) {
                return out;
            }
            if (!value.isObject()) {
                throw error(field, "must be a mapping of names to values");
            }
            Iterator<Map.Entry<String, JsonNode>> entries = value.fields();
            entries.forEachRemaining(e -> out.put(e.getKey(), scalar(field + "." + e.getKey(), e.getValue())));
            return out;
        }

        /** A string, or a number or boolean YAML wrote unquoted ({@code --port, 8080}); never a list, mapping or null. */
        private String scalar(String path, JsonNode value) {
            if (!value.isValueNode() || value.isNull()) {
                throw error(path, "must be a string, got " + (value.isNull() ? "null" : value.getNodeType().name().toLowerCase()));
            }
            return value.asText();
        }
    }
}
