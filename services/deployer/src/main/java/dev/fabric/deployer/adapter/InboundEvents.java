package dev.fabric.deployer.adapter;

import dev.fabric.deployer.domain.AllocationKind;
import dev.fabric.deployer.domain.BidTerms;
import dev.fabric.deployer.domain.Capacity;
import dev.fabric.deployer.domain.Workload;
import dev.fabric.deployer.domain.WorkloadKind;
import dev.fabric.deployer.lease.ConfirmedLease;
import dev.fabric.events.UtxoRef;
import dev.fabric.events.v1.bid.BidOpened;
import dev.fabric.events.v1.common.ResourceRequest;
import dev.fabric.events.v1.common.WorkloadSpec;
import dev.fabric.events.v1.settlement.LeaseConfirmed;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Boundary checks from the Avro events to the deployer's own types. A record that passes the
 * schema can still be unusable (a bid reference that is not {@code txId#index}, negative
 * resources, a key that disagrees with the payload): that is an {@link InvalidEventException} and
 * the record is dead-lettered, as is a mode or workload kind this deployer does not know. A
 * well-formed bid this operator does not serve is not invalid; the bid decision declines it.
 */
public final class InboundEvents {

    private static final Pattern KEY_HASH = Pattern.compile("[0-9a-f]{56}");

    private InboundEvents() {
    }

    /** Checks that the record key is the subject the payload names, and that it is a UTxO reference. */
    public static String subject(String key, String bidRef) throws InvalidEventException {
        if (key == null) {
            throw new InvalidEventException("record has no key (expected the bidRef)");
        }
        if (!key.equals(bidRef)) {
            throw new InvalidEventException("record key " + key + " differs from the event's bidRef " + bidRef);
        }
        return utxoRef("bidRef", bidRef);
    }

    public static BidTerms bidTerms(String bidRef, BidOpened opened) throws InvalidEventException {
        ResourceRequest r = opened.getRequest();
        Capacity request;
        try {
            request = new Capacity(r.getCpuMillis(), r.getMemoryMiB(), r.getStorageGiB(), r.getGpus());
        } catch (IllegalArgumentException e) {
            throw new InvalidEventException("bid request: " + e.getMessage(), e);
        }
        if (r.getDurationSeconds() <= 0) {
            throw new InvalidEventException("bid request: durationSeconds must be > 0, got " + r.getDurationSeconds());
        }
        if (opened.getMinPrice() < 0 || opened.getMaxPrice() < 0) {
            throw new InvalidEventException("bid prices must not be negative: min " + opened.getMinPrice() + ", max " + opened.getMaxPrice());
        }
        keyHash("appPkh", opened.getAppPkh());
        Optional<AllocationKind> mode = allocationKind(opened);
        if (mode.isEmpty()) {
            // A mode a newer writer added: this deployer cannot act on it, and the dead letter shows it needs an upgrade.
            throw new InvalidEventException("allocation mode " + opened.getMode().getKind() + " is not supported by this deployer");
        }
        return new BidTerms(bidRef, opened.getAppPkh(), request, r.getDurationSeconds(), Optional.ofNullable(r.getRegion()),
                opened.getMinPrice(), opened.getMaxPrice(), mode.get(), opened.getDeadline(),
                new HashSet<>(opened.getAllowedOperators()), workload(opened.getWorkload()));
    }

    public static ConfirmedLease confirmedLease(String bidRef, LeaseConfirmed lease) throws InvalidEventException {
        utxoRef("leaseRef", lease.getLeaseRef());
        keyHash("operatorId", lease.getOperatorId());
        keyHash("appPkh", lease.getAppPkh());
        if (lease.getDurationSeconds() <= 0) {
            throw new InvalidEventException("lease durationSeconds must be > 0, got " + lease.getDurationSeconds());
        }
        if (lease.getPrice() < 0) {
            throw new InvalidEventException("lease price must not be negative, got " + lease.getPrice());
        }
        return new ConfirmedLease(bidRef, lease.getLeaseRef(), lease.getOperatorId(), lease.getAppPkh(), lease.getPrice(),
                lease.getStartAt(), lease.getDurationSeconds());
    }

    static Optional<AllocationKind> allocationKind(BidOpened opened) {
        return switch (opened.getMode().getKind()) {
            case RACE -> Optional.of(AllocationKind.RACE);
            case AUCTION -> Optional.of(AllocationKind.AUCTION);
            case REPUTATION -> Optional.of(AllocationKind.REPUTATION);
            case UNKNOWN -> Optional.empty();
        };
    }

    /**
     * The workload, when the bid carries one. A kind this deployer does not know (written by a newer
     * schema) cannot be run: dead-lettered like the unknown mode, so the gap is visible.
     */
    static Optional<Workload> workload(WorkloadSpec spec) throws InvalidEventException {
        if (spec == null) {
            return Optional.empty();
        }
        WorkloadKind kind = switch (spec.getKind()) {
            case DEPLOYMENT -> WorkloadKind.DEPLOYMENT;
            case JOB -> WorkloadKind.JOB;
            case UNKNOWN -> throw new InvalidEventException("workload kind " + spec.getKind() + " is not supported by this deployer");
        };
        if (spec.getEnv().keySet().stream().anyMatch(k -> k == null) || spec.getEnv().values().stream().anyMatch(v -> v == null)) {
            throw new InvalidEventException("workload env has null names or values");
        }
        return Optional.of(Workload.of(kind, spec.getImage(), nonNull("command", spec.getCommand()), nonNull("args", spec.getArgs()),
                spec.getEnv(), nonNull("ports", spec.getPorts()), spec.getReplicas()));
    }

    private static <T> List<T> nonNull(String field, List<T> values) throws InvalidEventException {
        if (values.stream().anyMatch(v -> v == null)) {
            throw new InvalidEventException("workload " + field + " contains null entries");
        }
        return values;
    }

    private static String utxoRef(String field, String ref) throws InvalidEventException {
        try {
            return UtxoRef.parse(ref).toString();
        } catch (IllegalArgumentException e) {
            throw new InvalidEventException(field + ": " + e.getMessage(), e);
        }
    }

    private static void keyHash(String field, String value) throws InvalidEventException {
        if (value == null || !KEY_HASH.matcher(value).matches()) {
            throw new InvalidEventException(field + " must be 56 lowercase hex characters, got: " + value);
        }
    }
}
