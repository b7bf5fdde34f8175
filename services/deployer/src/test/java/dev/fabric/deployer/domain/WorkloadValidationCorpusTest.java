package dev.fabric.deployer.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fabric.testkit.CorpusTally;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

/**
 * Bad-input corpus for the workload a bid asks this operator to run (seeded): valid workloads with
 * one generated defect each (images with shell characters, whitespace, uppercase, dangling tags,
 * short digests or too long; ports out of range, privileged or repeated; invalid env names; no,
 * negative or absurd replicas; too many or too long arguments). Each must be refused with the reason
 * for that defect. Random image strings must be judged quickly and without an exception.
 */
class WorkloadValidationCorpusTest {

    private static final CorpusTally TALLY = new CorpusTally("deployer-workloads");
    private static final Capacity REQUEST = new Capacity(2000, 4096, 20, 2);
    private static final WorkloadRules RULES = new WorkloadRules(java.util.Set.of(), false, 8, Duration.ofDays(7));
    private static final List<String> IMAGES = List.of("nginx:1.27", "acme/api:1.2", "ghcr.io/acme/api:1.4.2",
            "registry.example.com:443/team/svc@sha256:" + "ab".repeat(32), "busybox");

    private final SplittableRandom random = new SplittableRandom(0xDE9L);

    /** A workload with one defect, and the words its refusal must contain. */
    private record Defective(Workload workload, String expected) {
    }

    @AfterAll
    static void report() {
        TALLY.report();
    }

    private Workload valid(Function<Base, Base> change) {
        Base base = change.apply(new Base(IMAGES.get(random.nextInt(IMAGES.size())), new ArrayList<>(List.of("--serve")),
                new HashMap<>(Map.of("MODE", "prod")), new ArrayList<>(List.of(8080)), 1 + random.nextInt(2)));
        return Workload.of(random.nextBoolean() ? WorkloadKind.DEPLOYMENT : WorkloadKind.JOB, base.image, List.of(), base.args,
                base.env, base.ports, base.replicas);
    }

    private record Base(String image, List<String> args, Map<String, String> env, List<Integer> ports, int replicas) {
        Base image(String value) {
            return new Base(value, args, env, ports, replicas);
        }

        Base replicas(int value) {
            return new Base(image, args, env, ports, value);
        }
    }

    private Defective defective(int i) {
        String image = IMAGES.get(random.nextInt(IMAGES.size()));
        return switch (i % 12) {
            case 0 -> {
                String bad = " ;|&$`'\"\\\n\t<>(){}!*?#%^~";
                int at = random.nextInt(image.length() + 1);
                String spoiled = image.substring(0, at) + bad.charAt(random.nextInt(bad.length())) + image.substring(at);
                yield new Defective(valid(b -> b.image(spoiled)), "not a valid image reference");
            }
            case 1 -> {
                // Uppercase in the image's name (a registry host may be uppercase; the path may not).
                int from = image.lastIndexOf('/') + 1;
                int end = from;
                while (end < image.length() && image.charAt(end) != ':' && image.charAt(end) != '@') {
                    end++;
                }
                int at = from + random.nextInt(end - from);
                String spoiled = image.substring(0, at) + "X" + image.substring(at);
                yield new Defective(valid(b -> b.image(spoiled)), "not a valid image reference");
            }
            case 2 -> {
                String[] spoiled = {"nginx:", "nginx@sha256:" + "a".repeat(random.nextInt(1, 63)), ":latest", "/nginx", "nginx//x",
                        "nginx:" + "t".repeat(129), "-nginx", "nginx@md5:" + "ab".repeat(16)};
                String value = spoiled[random.nextInt(spoiled.length)];
                yield new Defective(valid(b -> b.image(value)), "not a valid image reference");
            }
            case 3 -> new Defective(valid(b -> b.image("a/".repeat(200 + random.nextInt(100)) + "x")), "longer than");
            case 4 -> new Defective(valid(b -> b.image("")), "image reference is empty");
            case 5 -> {
                int port = random.nextBoolean() ? -random.nextInt(1, 100_000) : 65_536 + random.nextInt(1_000_000);
                yield new Defective(valid(b -> {
                    b.ports().add(port);
                    return b;
                }), "is outside 1..65535");
            }
            case 6 -> {
                int port = random.nextInt(1, 1024);
                yield new Defective(valid(b -> {
                    b.ports().add(port);
                    return b;
                }), "port " + port + " is privileged");
            }
            case 7 -> new Defective(valid(b -> {
                b.ports().add(8080);
                return b;
            }), "port 8080 is declared twice");
            case 8 -> {
                String[] names = {random.nextInt(10) + "VAR", "A=B", "WITH SPACE", "ü", "", "A$B", "a/b", "x:y"};
                String name = names[random.nextInt(names.length)];
                yield new Defective(valid(b -> {
                    b.env().put(name, "v");
                    return b;
                }), "is not a valid variable name");
            }
            case 9 -> {
                int replicas = random.nextBoolean() ? -random.nextInt(0, Integer.MAX_VALUE) : Integer.MIN_VALUE;
                yield new Defective(valid(b -> b.replicas(replicas)), "replicas must be >= 1");
            }
            case 10 -> {
                int replicas = random.nextInt(9, Integer.MAX_VALUE);
                yield new Defective(valid(b -> b.replicas(replicas)), "exceed this operator's limit of 8");
            }
            default -> random.nextBoolean()
                    ? new Defective(valid(b -> {
                        for (int n = 0; n < WorkloadValidation.MAX_ARGS; n++) {
                            b.args().add("-v");
                        }
                        return b;
                    }), "more than " + WorkloadValidation.MAX_ARGS)
                    : new Defective(valid(b -> {
                        b.args().add("x".repeat(WorkloadValidation.MAX_ARG_LENGTH + 1 + random.nextInt(100)));
                        return b;
                    }), "longer than " + WorkloadValidation.MAX_ARG_LENGTH);
        };
    }

    @Test
    void shouldRefuseEachDefectWithItsReason() {
        for (int i = 0; i < 1200; i++) {
            Defective defective = defective(i);
            TALLY.tried();

            List<String> problems = WorkloadValidation.problems(defective.workload(), REQUEST, RULES);

            assertThat(problems).as("%s", defective.workload()).anySatisfy(p -> assertThat(p).contains(defective.expected()));
            TALLY.rejected();
        }
    }

    @Test
    void shouldAcceptTheUnspoiledBases() {
        for (String image : IMAGES) {
            assertThat(WorkloadValidation.problems(valid(b -> b.image(image)), REQUEST, RULES)).isEmpty();
        }
    }

    @Test
    void shouldJudgeRandomImageStringsQuicklyAndWithoutThrowing() {
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789._-/:@ABC";
        Assertions.assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            for (int i = 0; i < 1500; i++) {
                StringBuilder image = new StringBuilder();
                for (int n = random.nextInt(1, 520); n > 0; n--) {
                    image.append(alphabet.charAt(random.nextInt(alphabet.length())));
                }
                TALLY.tried();
                ImageReference.Parsed parsed = ImageReference.parse(image.toString());
                if (parsed instanceof ImageReference.Parsed.Invalid invalid) {
                    assertThat(invalid.reason()).isNotBlank();
                    TALLY.rejected();
                } else {
                    TALLY.accepted();
                }
            }
        });
    }
}
