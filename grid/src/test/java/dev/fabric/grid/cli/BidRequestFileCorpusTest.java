package dev.fabric.grid.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.fabric.testkit.CorpusTally;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad-input corpus for bid request files (seeded): a valid request, written as YAML or JSON, with one
 * field removed, retyped, out of range or malformed, or the file's text truncated or overwritten.
 * Each must be refused with a {@link CliInputException} that names the file and the field; no other
 * exception may reach the command.
 */
class BidRequestFileCorpusTest {

    private static final CorpusTally TALLY = new CorpusTally("cli-bid-request");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    @TempDir
    Path dir;

    private final SplittableRandom random = new SplittableRandom(0xB1DF11EL);
    private int files;

    /** A defect: what it does to the request, and the field path the refusal must name. */
    private record Defect(String field, String problem, Consumer<ObjectNode> apply) {
    }

    private static ObjectNode valid(String mode) {
        ObjectNode root = NODES.objectNode().put("mode", mode).put("minPrice", 2_000_000L).put("maxPrice", 9_000_000L)
                .put("deadlineSeconds", 90);
        if (mode.equals("reputation")) {
            root.put("minScoreBps", 2500).put("priorityWindowSeconds", 10);
        } else if (mode.equals("auction")) {
            root.put("windowSeconds", 20);
        }
        root.putArray("allowedOperators").add("0b".repeat(28));
        root.putObject("request").put("cpuMillis", 1000).put("memoryMiB", 1024).put("storageGiB", 10).put("gpus", 0)
                .put("durationSeconds", 300).put("region", "eu-west");
        ObjectNode workload = root.putObject("workload").put("kind", "Deployment").put("image", "ghcr.io/acme/api:1.2")
                .put("replicas", 2);
        workload.putArray("args").add("--port").add("8080");
        workload.putArray("ports").add(8080);
        workload.putObject("env").put("MODE", "prod");
        return root;
    }

    private static ObjectNode at(ObjectNode root, String path) {
        ObjectNode node = root;
        for (String part : path.split("\\.")) {
            if (!part.isEmpty()) {
                node = (ObjectNode) node.get(part);
            }
        }
        return node;
    }

    private static Defect remove(String parent, String field) {
        return new Defect(prefixed(parent, field), "is required", root -> at(root, parent).remove(field));
    }

    private static Defect set(String parent, String field, JsonNode value, String problem) {
        return new Defect(prefixed(parent, field), problem, root -> at(root, parent).set(field, value));
    }

    private static String prefixed(String parent, String field) {
        return parent.isEmpty() ? field : parent + "." + field;
    }

    private List<Defect> defects() {
        List<Defect> defects = new ArrayList<>();
        for (String field : List.of("minPrice", "maxPrice")) {
            defects.add(remove("", field));
        }
        for (String field : List.of("cpuMillis", "memoryMiB", "durationSeconds")) {
            defects.add(remove("request", field));
        }
        defects.add(remove("workload", "image"));
        List<String[]> positives = List.of(new String[] {"", "minPrice"}, new String[] {"", "maxPrice"},
                new String[] {"", "deadlineSeconds"}, new String[] {"request", "cpuMillis"}, new String[] {"request", "memoryMiB"},
                new String[] {"request", "durationSeconds"}, new String[] {"workload", "replicas"});
        for (String[] p : positives) {
            defects.add(set(p[0], p[1], NODES.numberNode(0), "must be a positive integer"));
            defects.add(set(p[0], p[1], NODES.numberNode(-1 - random.nextInt(1_000_000)), "must be a positive integer"));
            defects.add(set(p[0], p[1], NODES.textNode("two"), "must be a whole number"));
            defects.add(set(p[0], p[1], NODES.numberNode(1.5), "must be a whole number"));
            defects.add(set(p[0], p[1], NODES.numberNode(new BigInteger("9".repeat(20 + random.nextInt(30)))), "must be a whole number"));
            defects.add(set(p[0], p[1], NODES.booleanNode(true), "must be a whole number"));
        }
        for (String field : List.of("storageGiB", "gpus")) {
            defects.add(set("request", field, NODES.numberNode(-1 - random.nextInt(100)), "must not be negative"));
            defects.add(set("request", field, NODES.textNode("lots"), "must be a whole number"));
        }
        defects.add(set("", "mode", NODES.textNode("lottery"), "must be race, auction or reputation"));
        defects.add(set("", "mode", NODES.numberNode(3), "must be a non-empty string"));
        defects.add(set("", "mode", NODES.textNode("  "), "must be a non-empty string"));
        defects.add(set("", "maxPrice", NODES.numberNode(1_000), "must be at least minPrice"));
        defects.add(set("", "request", NODES.numberNode(7), "is required and must be a mapping"));
        defects.add(set("", "workload", NODES.arrayNode().add("nginx"), "is required and must be a mapping"));
        defects.add(new Defect("request", "is required and must be a mapping", root -> root.remove("request")));
        defects.add(set("request", "region", NODES.numberNode(44), "must be a string"));
        defects.add(set("workload", "kind", NODES.textNode("Pod"), "must be Deployment or Job"));
        defects.add(set("workload", "image", NODES.textNode(""), "must be a non-empty string"));
        defects.add(set("workload", "image", NODES.objectNode().put("name", "nginx"), "must be a non-empty string"));
        defects.add(set("workload", "ports", NODES.arrayNode().add(0), "ports must be integers within 1..65535"));
        defects.add(set("workload", "ports", NODES.arrayNode().add(70_000), "ports must be integers within 1..65535"));
        defects.add(set("workload", "ports", NODES.arrayNode().add("http"), "ports must be integers within 1..65535"));
        defects.add(set("workload", "ports", NODES.numberNode(8080), "must be a list of port numbers"));
        defects.add(set("workload", "args", NODES.textNode("--serve"), "must be a list of strings"));
        defects.add(set("workload", "env", NODES.arrayNode().add("A=1"), "must be a mapping of names to values"));
        defects.add(set("", "deadlineSeconds", NODES.numberNode(Long.MAX_VALUE - random.nextInt(1000)), "must be at most"));
        defects.add(set("workload", "replicas", NODES.numberNode(4_294_967_297L), "must be at most"));
        defects.add(new Defect("workload.args[1]", "must be a string, got object",
                root -> at(root, "workload").set("args", NODES.arrayNode().add("--port").add(NODES.objectNode().put("a", 1)))));
        defects.add(new Defect("workload.env.MODE", "must be a string, got array",
                root -> at(root, "workload").set("env", NODES.objectNode().set("MODE", NODES.arrayNode().add("x")))));
        defects.add(new Defect("workload.command[0]", "must be a string, got null",
                root -> at(root, "workload").set("command", NODES.arrayNode().addNull())));
        defects.add(set("", "allowedOperators", NODES.textNode("0b".repeat(28)), "must be a list of operator ids"));
        defects.add(new Defect("allowedOperators[0]", "must be 56 lowercase hex characters",
                root -> ((com.fasterxml.jackson.databind.node.ArrayNode) root.get("allowedOperators")).set(0, NODES.textNode("0B".repeat(28)))));
        defects.add(new Defect("allowedOperators[1]", "must be 56 lowercase hex characters",
                root -> ((com.fasterxml.jackson.databind.node.ArrayNode) root.get("allowedOperators")).add("0b".repeat(27))));
        return defects;
    }

    @AfterAll
    static void report() {
        TALLY.report();
    }

    private Path write(JsonNode root, boolean yaml) throws IOException {
        Path file = dir.resolve("bid-" + files++ + (yaml ? ".yaml" : ".json"));
        Files.writeString(file, (yaml ? YAML : JSON).writeValueAsString(root));
        return file;
    }

    private CliInputException refused(Path file) {
        TALLY.tried();
        try {
            BidRequestFile.Parsed parsed = BidRequestFile.read(file);
            return fail("accepted " + file + " as " + parsed + ":\n" + read(file));
        } catch (CliInputException e) {
            assertThat(e.getMessage()).startsWith(file.toString() + ": ");
            TALLY.rejected();
            return e;
        } catch (RuntimeException e) {
            return fail("a " + e + " escaped for:\n" + read(file), e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return file.toString();
        }
    }

    @Test
    void shouldNameTheFieldOfEveryDefect() throws IOException {
        List<Defect> defects = defects();
        List<String> modes = List.of("race", "auction", "reputation");
        for (int i = 0; i < 600; i++) {
            Defect defect = defects.get(i % defects.size());
            ObjectNode root = valid(modes.get(random.nextInt(modes.size())));
            defect.apply().accept(root);
            Path file = write(root, random.nextBoolean());

            CliInputException e = refused(file);

            assertThat(e.getMessage()).as("%s", read(file)).contains(": " + defect.field() + ": ").contains(defect.problem());
        }
    }

    @Test
    void shouldBoundWindowsSoTheirMillisecondsCannotOverflow() throws IOException {
        for (String[] modeAndField : new String[][] {{"auction", "windowSeconds"}, {"reputation", "priorityWindowSeconds"}}) {
            for (long seconds : new long[] {BidRequestFile.MAX_WINDOW_SECONDS + 1, 9_300_000_000_000_000L, Long.MAX_VALUE}) {
                ObjectNode root = valid(modeAndField[0]).put(modeAndField[1], seconds);

                assertThat(refused(write(root, random.nextBoolean())).getMessage())
                        .contains(": " + modeAndField[1] + ": must be at most " + BidRequestFile.MAX_WINDOW_SECONDS);
            }
        }
    }

    @Test
    void shouldTakeUnquotedYamlNumbersInArgumentsAndEnvironmentAsText() throws IOException {
        ObjectNode root = valid("race");
        ((ObjectNode) root.get("workload")).putArray("args").add("--port").add(8080);
        ((ObjectNode) root.get("workload")).putObject("env").put("WORKERS", 4).put("DEBUG", false);

        BidRequestFile.Parsed parsed = BidRequestFile.read(write(root, true));

        assertThat(parsed.workload().args()).containsExactly("--port", "8080");
        assertThat(parsed.workload().env()).containsEntry("WORKERS", "4").containsEntry("DEBUG", "false");
    }

    @Test
    void shouldRefuseTruncatedAndOverwrittenFilesWithAnInputError() throws IOException {
        int accepted = 0;
        for (int i = 0; i < 400; i++) {
            boolean yaml = random.nextBoolean();
            byte[] text = (yaml ? YAML : JSON).writeValueAsBytes(valid("auction"));
            if (i % 2 == 0) {
                text = java.util.Arrays.copyOf(text, random.nextInt(text.length));
            } else {
                for (int n = 1 + random.nextInt(3); n > 0; n--) {
                    text[random.nextInt(text.length)] = (byte) random.nextInt(256);
                }
            }
            Path file = dir.resolve("noisy-" + i + (yaml ? ".yaml" : ".json"));
            Files.write(file, text);
            TALLY.tried();
            try {
                BidRequestFile.read(file);
                accepted++; // a byte that landed in a free-text value, or a cut after the last field
                TALLY.accepted();
            } catch (CliInputException e) {
                assertThat(e.getMessage()).startsWith(file + ": ");
                TALLY.rejected();
            } catch (RuntimeException e) {
                fail("a " + e + " escaped for:\n" + read(file), e);
            }
        }
        assertThat(accepted).isLessThan(200);
    }
}
