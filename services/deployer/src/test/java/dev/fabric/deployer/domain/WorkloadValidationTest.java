package dev.fabric.deployer.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class WorkloadValidationTest {

    private static final Capacity REQUEST = new Capacity(2000, 4096, 20, 2);
    private static final WorkloadRules OPEN = new WorkloadRules(Set.of(), false, 8, Duration.ofDays(7));
    private static final String DIGEST = "@sha256:" + "ab".repeat(32);

    static Workload w(String image, Map<String, String> env, List<Integer> ports, int replicas) {
        return Workload.of(WorkloadKind.DEPLOYMENT, image, List.of(), List.of(), env, ports, replicas);
    }

    static Stream<Arguments> problems() {
        WorkloadRules ghcrOnly = new WorkloadRules(Set.of("ghcr.io"), false, 8, Duration.ofDays(7));
        WorkloadRules pinned = new WorkloadRules(Set.of(), true, 8, Duration.ofDays(7));
        return Stream.of(
                Arguments.of("empty image", w("", Map.of(), List.of(), 1), OPEN, "image reference is empty"),
                Arguments.of("uppercase image", w("ghcr.io/Acme/api", Map.of(), List.of(), 1), OPEN, "not a valid image reference"),
                Arguments.of("uppercase hub image", w("Acme/api", Map.of(), List.of(), 1), OPEN, "uppercase"),
                Arguments.of("space in image", w("nginx latest", Map.of(), List.of(), 1), OPEN, "not a valid image reference"),
                Arguments.of("dangling tag", w("nginx:", Map.of(), List.of(), 1), OPEN, "not a valid image reference"),
                Arguments.of("short digest", w("nginx@sha256:abc", Map.of(), List.of(), 1), OPEN, "not a valid image reference"),
                Arguments.of("shell in image", w("nginx;rm -rf /", Map.of(), List.of(), 1), OPEN, "not a valid image reference"),
                Arguments.of("registry not allowed", w("docker.io/library/nginx:1", Map.of(), List.of(), 1), ghcrOnly, "registry docker.io is not allowed"),
                Arguments.of("implicit Docker Hub not allowed", w("nginx", Map.of(), List.of(), 1), ghcrOnly, "registry docker.io is not allowed"),
                Arguments.of("tag where a digest is required", w("ghcr.io/acme/api:1.0", Map.of(), List.of(), 1), pinned, "pinned by digest"),
                Arguments.of("privileged port", w("nginx", Map.of(), List.of(80), 1), OPEN, "port 80 is privileged"),
                Arguments.of("port zero", w("nginx", Map.of(), List.of(0), 1), OPEN, "outside 1..65535"),
                Arguments.of("port too high", w("nginx", Map.of(), List.of(70_000), 1), OPEN, "outside 1..65535"),
                Arguments.of("port twice", w("nginx", Map.of(), List.of(8080, 8080), 1), OPEN, "declared twice"),
                Arguments.of("bad env name", w("nginx", Map.of("1BAD=x", "v"), List.of(), 1), OPEN, "not a valid variable name"),
                Arguments.of("no replicas", w("nginx", Map.of(), List.of(), 0), OPEN, "replicas must be >= 1"),
                Arguments.of("too many replicas", w("nginx", Map.of(), List.of(), 9), OPEN, "exceed this operator's limit of 8"),
                Arguments.of("gpus not divisible", w("nginx", Map.of(), List.of(), 4), OPEN, "cannot be split into whole gpus"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("problems")
    void shouldRefuseWithTheReason(String name, Workload workload, WorkloadRules rules, String expected) {
        assertThat(WorkloadValidation.problems(workload, REQUEST, rules)).anySatisfy(p -> assertThat(p).contains(expected));
    }

    @Test
    void shouldRefuseReplicasWhoseShareIsBelowTheMinimumPod() {
        Capacity tiny = new Capacity(15, 64, 0, 0);

        List<String> problems = WorkloadValidation.problems(w("nginx", Map.of(), List.of(), 2), tiny, OPEN);

        assertThat(problems).containsExactly(
                "resources over the request: 2 replicas × at least 10m cpu exceed the requested 15m");
    }

    @Test
    void shouldReportEveryProblemAtOnce() {
        List<String> problems = WorkloadValidation.problems(w("BAD", Map.of("ok", "v"), List.of(22, 8080), 0), REQUEST, OPEN);

        assertThat(problems).hasSize(3);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validImages")
    void shouldAcceptAWellFormedWorkload(String image) {
        Workload workload = w(image, Map.of("MODE", "prod", "_X.y-z", "1"), List.of(1024, 8080, 65_535), 2);

        assertThat(WorkloadValidation.problems(workload, REQUEST, OPEN)).isEmpty();
    }

    static Stream<String> validImages() {
        return Stream.of("nginx", "nginx:1.25-alpine", "library/nginx", "ghcr.io/acme/api:1.4.2", "localhost:5000/x/y:dev",
                "registry.example.com:443/a/b" + DIGEST, "ghcr.io/acme/api:1.0" + DIGEST, "a__b/c--d.e_f");
    }
}
