package dev.fabric.deployer.domain;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What an application asks the operator to run (the bid's workload spec). Immutable; the
 * environment is sorted by name so that the same spec always renders the same objects.
 */
public record Workload(WorkloadKind kind, String image, List<String> command, List<String> args,
                       SortedMap<String, String> env, List<Integer> ports, int replicas) {

    public Workload {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(image, "image");
        command = List.copyOf(command);
        args = List.copyOf(args);
        env = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(env));
        ports = List.copyOf(ports);
    }

    public static Workload of(WorkloadKind kind, String image, List<String> command, List<String> args,
                              Map<String, String> env, List<Integer> ports, int replicas) {
        return new Workload(kind, image, command, args, new TreeMap<>(env), ports, replicas);
    }
}
