package dev.fabric.plutus.workload;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fabric.testkit.CorpusTally;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Bad-input corpus for the workload spec a bid carries in its metadata (seeded): valid specs with one
 * known defect each must be refused with an {@link IllegalArgumentException} naming the field;
 * truncated or overwritten JSON must be refused too, or still be a spec that round-trips.
 */
class WorkloadSpecCorpusTest {

    private static final CorpusTally TALLY = new CorpusTally("workload-spec-json");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final SplittableRandom random = new SplittableRandom(0xC0FFEEL);

    /** A defect and the words the refusal must contain. */
    private record Defect(String expected, Consumer<ObjectNode> apply) {
    }

    private static final List<Defect> DEFECTS = List.of(
            new Defect("needs a string 'kind'", spec -> spec.remove("kind")),
            new Defect("needs a string 'kind'", spec -> spec.put("kind", 3)),
            new Defect("kind must be Deployment or Job", spec -> spec.put("kind", "Pod")),
            new Defect("kind must be Deployment or Job", spec -> spec.put("kind", "deployment")),
            new Defect("needs a string 'image'", spec -> spec.remove("image")),
            new Defect("needs a string 'image'", spec -> spec.putArray("image").add("nginx")),
            new Defect("image is required", spec -> spec.put("image", "  \t")),
            new Defect("replicas must be >= 1", spec -> spec.put("replicas", 0)),
            new Defect("replicas must be >= 1", spec -> spec.put("replicas", -7)),
            new Defect("replicas must be a small integer", spec -> spec.put("replicas", 10_000_000_000L)),
            new Defect("replicas must be a small integer", spec -> spec.put("replicas", 2.5)),
            new Defect("replicas must be a small integer", spec -> spec.put("replicas", "3")),
            new Defect("port out of range", spec -> spec.putArray("ports").add(0)),
            new Defect("port out of range", spec -> spec.putArray("ports").add(8080).add(70_000)),
            new Defect("port out of range", spec -> spec.putArray("ports").add(-443)),
            new Defect("'ports' must hold integers", spec -> spec.putArray("ports").add("8080")),
            new Defect("'ports' must hold integers", spec -> spec.putArray("ports").add(8080.5)),
            new Defect("'ports' must hold integers", spec -> spec.putArray("ports").add(new BigInteger("9".repeat(25)))),
            new Defect("'ports' must be an array", spec -> spec.put("ports", 8080)),
            new Defect("'command' must hold strings", spec -> spec.putArray("command").add(1)),
            new Defect("'command' must hold strings", spec -> spec.putArray("command").addObject()),
            new Defect("'args' must be an array", spec -> spec.putObject("args")),
            new Defect("'args' must be an array", spec -> spec.put("args", "--serve")),
            new Defect("'env' must be an object", spec -> spec.putArray("env").add("A=1")),
            new Defect("'env.A' must be a string", spec -> spec.putObject("env").put("A", 1)),
            new Defect("'env.B' must be a string", spec -> spec.putObject("env").put("A", "x").putNull("B")));

    @AfterAll
    static void report() {
        TALLY.report();
    }

    private WorkloadSpec validSpec() {
        List<String> args = new ArrayList<>();
        for (int i = random.nextInt(4); i > 0; i--) {
            args.add("--opt" + random.nextInt(100));
        }
        Map<String, String> env = new TreeMap<>();
        for (int i = random.nextInt(4); i > 0; i--) {
            env.put("VAR_" + i, "v" + random.nextInt());
        }
        List<Integer> ports = random.nextBoolean() ? List.of(1024 + random.nextInt(60_000)) : List.of();
        WorkloadSpec.Kind kind = random.nextBoolean() ? WorkloadSpec.Kind.Deployment : WorkloadSpec.Kind.Job;
        return new WorkloadSpec(kind, "ghcr.io/acme/app:" + random.nextInt(50), List.of(), args, env, ports, 1 + random.nextInt(5));
    }

    private ObjectNode tree(WorkloadSpec spec) {
        try {
            return (ObjectNode) JSON.readTree(spec.canonicalBytes());
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void shouldRefuseEachDefectNamingTheField() {
        for (int i = 0; i < 500; i++) {
            Defect defect = DEFECTS.get(i % DEFECTS.size());
            ObjectNode spec = tree(validSpec());
            defect.apply().accept(spec);
            byte[] bytes = spec.toString().getBytes(StandardCharsets.UTF_8);
            TALLY.tried();
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> WorkloadSpec.fromJson(bytes), spec::toString);
            assertTrue(e.getMessage().contains(defect.expected()), () -> e.getMessage() + " for " + spec);
            TALLY.rejected();
        }
    }

    @Test
    void shouldRefuseJsonThatIsNotASpecObject() {
        String[] notObjects = {"[]", "\"spec\"", "42", "null", "", "{", "{\"kind\":", "\u0000\u0001"};
        for (String text : notObjects) {
            TALLY.tried();
            assertThrows(IllegalArgumentException.class, () -> WorkloadSpec.fromJson(text.getBytes(StandardCharsets.UTF_8)), text);
            TALLY.rejected();
        }
    }

    @Test
    void shouldRefuseOrRoundTripTruncatedAndOverwrittenBytes() {
        for (int i = 0; i < 1000; i++) {
            byte[] bytes = validSpec().canonicalBytes();
            if (i % 2 == 0) {
                bytes = java.util.Arrays.copyOf(bytes, random.nextInt(bytes.length));
            } else {
                for (int n = 1 + random.nextInt(3); n > 0; n--) {
                    bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
                }
            }
            TALLY.tried();
            WorkloadSpec parsed;
            try {
                parsed = WorkloadSpec.fromJson(bytes);
            } catch (IllegalArgumentException refused) {
                TALLY.rejected();
                continue;
            } catch (RuntimeException e) {
                fail("unexpected " + e + " for " + new String(bytes, StandardCharsets.UTF_8), e);
                return;
            }
            // A byte that landed in a free-text value yields another valid spec, which must be stable.
            assertEquals(parsed, WorkloadSpec.fromJson(parsed.canonicalBytes()));
            TALLY.accepted();
        }
    }
}
