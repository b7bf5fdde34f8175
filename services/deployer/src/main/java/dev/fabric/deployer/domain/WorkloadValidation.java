package dev.fabric.deployer.domain;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Decides whether a workload spec may run on this operator's cluster, before anything is created
 * and before any offer is made. Every problem is reported, so the application learns all of them
 * at once from the {@code Failed(VALIDATION)} reason.
 *
 * <p>The v1 workload spec cannot express privileged containers, host namespaces or hostPath
 * volumes; the only privileged thing it can ask for is a port below 1024, which needs
 * {@code NET_BIND_SERVICE} and the restricted profile drops every capability. The rendered pod is
 * checked again by {@code PodSecurityAdmission}, so a future spec field cannot slip past.
 */
public final class WorkloadValidation {

    static final int MAX_ARGS = 256;
    static final int MAX_ARG_LENGTH = 4096;
    static final int MAX_ENV = 128;
    static final int MAX_ENV_VALUE_LENGTH = 32 * 1024;
    static final int MAX_PORTS = 32;
    /** Kubernetes' rule for environment variable names. */
    private static final Pattern ENV_NAME = Pattern.compile("[-._a-zA-Z][-._a-zA-Z0-9]*");

    private WorkloadValidation() {
    }

    /** All problems of {@code workload} for a lease of {@code request}; empty when it may run. */
    public static List<String> problems(Workload workload, Capacity request, WorkloadRules rules) {
        List<String> problems = new ArrayList<>();
        checkImage(workload.image(), rules, problems);
        checkArguments("command", workload.command(), problems);
        checkArguments("args", workload.args(), problems);
        checkEnv(workload.env(), problems);
        checkPorts(workload.ports(), problems);
        if (workload.replicas() < 1) {
            problems.add("replicas must be >= 1, got " + workload.replicas());
        } else if (workload.replicas() > rules.maxReplicas()) {
            problems.add("replicas " + workload.replicas() + " exceed this operator's limit of " + rules.maxReplicas());
        } else {
            checkShare(request, workload.replicas(), problems);
        }
        return problems;
    }

    private static void checkImage(String image, WorkloadRules rules, List<String> problems) {
        ImageReference.Parsed parsed = ImageReference.parse(image);
        if (parsed instanceof ImageReference.Parsed.Invalid invalid) {
            problems.add(invalid.reason());
            return;
        }
        ImageReference ref = ((ImageReference.Parsed.Valid) parsed).reference();
        if (!rules.allowedRegistries().isEmpty() && !rules.allowedRegistries().contains(ref.registry())) {
            problems.add("image registry " + ref.registry() + " is not allowed (allowed: "
                    + String.join(", ", rules.allowedRegistries().stream().sorted().toList()) + ")");
        }
        if (rules.requireDigest() && ref.digest().isEmpty()) {
            problems.add("image must be pinned by digest (@sha256:...)");
        }
    }

    private static void checkArguments(String field, List<String> values, List<String> problems) {
        if (values.size() > MAX_ARGS) {
            problems.add(field + " has " + values.size() + " entries, more than " + MAX_ARGS);
        }
        for (String value : values) {
            if (value == null) {
                problems.add(field + " contains a null entry");
            } else if (value.length() > MAX_ARG_LENGTH) {
                problems.add(field + " entry longer than " + MAX_ARG_LENGTH + " characters");
            }
        }
    }

    private static void checkEnv(Map<String, String> env, List<String> problems) {
        if (env.size() > MAX_ENV) {
            problems.add("env has " + env.size() + " variables, more than " + MAX_ENV);
        }
        env.forEach((name, value) -> {
            if (!ENV_NAME.matcher(name).matches()) {
                problems.add("env name '" + name + "' is not a valid variable name");
            }
            if (value != null && value.length() > MAX_ENV_VALUE_LENGTH) {
                problems.add("env " + name + " is longer than " + MAX_ENV_VALUE_LENGTH + " characters");
            }
        });
    }

    private static void checkPorts(List<Integer> ports, List<String> problems) {
        if (ports.size() > MAX_PORTS) {
            problems.add(ports.size() + " ports declared, more than " + MAX_PORTS);
        }
        Set<Integer> seen = new HashSet<>();
        for (Integer port : ports) {
            if (port == null || port < 1 || port > 65_535) {
                problems.add("port " + port + " is outside 1..65535");
            } else if (port < 1024) {
                problems.add("port " + port + " is privileged (< 1024): binding it needs NET_BIND_SERVICE, which the restricted profile drops");
            } else if (!seen.add(port)) {
                problems.add("port " + port + " is declared twice");
            }
        }
    }

    private static void checkShare(Capacity request, int replicas, List<String> problems) {
        PodShare share = PodShare.of(request, replicas);
        if (share.cpuMillis() < WorkloadRules.MIN_POD_CPU_MILLIS) {
            problems.add("resources over the request: " + replicas + " replicas × at least " + WorkloadRules.MIN_POD_CPU_MILLIS
                    + "m cpu exceed the requested " + request.cpuMillis() + "m");
        }
        if (share.memoryMiB() < WorkloadRules.MIN_POD_MEMORY_MIB) {
            problems.add("resources over the request: " + replicas + " replicas × at least " + WorkloadRules.MIN_POD_MEMORY_MIB
                    + "Mi memory exceed the requested " + request.memoryMiB() + "Mi");
        }
        if (request.gpus() % replicas != 0) {
            problems.add("resources over the request: " + request.gpus() + " gpus cannot be split into whole gpus over "
                    + replicas + " replicas");
        }
    }
}
