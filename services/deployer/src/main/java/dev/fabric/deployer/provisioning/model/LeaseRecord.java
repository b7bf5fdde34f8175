package dev.fabric.deployer.provisioning.model;

import dev.fabric.deployer.domain.Capacity;
import dev.fabric.deployer.domain.WorkloadKind;
import io.fabric8.kubernetes.api.model.Namespace;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Objects;

/**
 * A lease as recorded on the namespace it owns: what a restarted deployer needs to hold its
 * capacity, watch its rollout and tear it down on time, without any other state.
 */
public record LeaseRecord(String bidRef, String leaseRef, String namespace, Capacity capacity, Instant startAt,
                          Instant endsAt, WorkloadKind kind, LeasePhase phase) {

    public LeaseRecord {
        Objects.requireNonNull(bidRef, "bidRef");
        Objects.requireNonNull(leaseRef, "leaseRef");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(capacity, "capacity");
        Objects.requireNonNull(startAt, "startAt");
        Objects.requireNonNull(endsAt, "endsAt");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(phase, "phase");
    }

    public static LeaseRecord of(LeaseSpec spec, LeasePhase phase) {
        return new LeaseRecord(spec.bidRef(), spec.leaseRef(), spec.namespace(), spec.request(), spec.startAt(), spec.endsAt(),
                spec.workload().kind(), phase);
    }

    public LeaseRecord withPhase(LeasePhase next) {
        return new LeaseRecord(bidRef, leaseRef, namespace, capacity, startAt, endsAt, kind, next);
    }

    /** Reads the lease back from its namespace's annotations; a namespace it cannot read is reported, not guessed. */
    public static Parsed fromNamespace(Namespace ns) {
        String name = ns.getMetadata().getName();
        Map<String, String> a = ns.getMetadata().getAnnotations() == null ? Map.of() : ns.getMetadata().getAnnotations();
        try {
            Capacity capacity = new Capacity(Long.parseLong(required(a, LeaseNames.CPU_MILLIS)), Long.parseLong(required(a, LeaseNames.MEMORY_MIB)),
                    Long.parseLong(required(a, LeaseNames.STORAGE_GIB)), Integer.parseInt(required(a, LeaseNames.GPUS)));
            LeasePhase phase = a.containsKey(LeaseNames.PHASE) ? LeasePhase.valueOf(a.get(LeaseNames.PHASE)) : LeasePhase.PROVISIONING;
            return new Parsed.Valid(new LeaseRecord(required(a, LeaseNames.BID_REF), required(a, LeaseNames.LEASE_REF), name, capacity,
                    Instant.parse(required(a, LeaseNames.STARTS_AT)), Instant.parse(required(a, LeaseNames.ENDS_AT)),
                    WorkloadKind.valueOf(required(a, LeaseNames.WORKLOAD_KIND)), phase));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            return new Parsed.Unreadable(name, e.getMessage());
        }
    }

    private static String required(Map<String, String> annotations, String key) {
        String value = annotations.get(key);
        if (value == null) {
            throw new IllegalArgumentException("annotation " + key + " is missing");
        }
        return value;
    }

    /** Result of {@link #fromNamespace}. */
    public sealed interface Parsed {
        record Valid(LeaseRecord lease) implements Parsed {
        }

        record Unreadable(String namespace, String reason) implements Parsed {
        }
    }
}
