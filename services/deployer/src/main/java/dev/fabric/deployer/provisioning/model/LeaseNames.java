package dev.fabric.deployer.provisioning.model;

import dev.fabric.events.EventIds;
import java.util.Map;

/**
 * Names, labels and annotations of the objects a lease owns. Label values are limited to 63
 * characters without '#', so the full bid reference ({@code txId#index}, 66+ characters) lives in
 * an annotation and labels carry a short id derived from it.
 */
public final class LeaseNames {

    public static final String NAMESPACE_PREFIX = "fabric-";
    /** Name of the workload object, its container and its service account inside the namespace. */
    public static final String WORKLOAD = "workload";
    public static final String QUOTA = "fabric-quota";
    public static final String LIMITS = "fabric-limits";
    public static final String DENY_ALL = "default-deny";
    public static final String ALLOW_PORTS = "allow-workload-ports";
    public static final String ALLOW_DNS = "allow-dns-egress";
    /** The RoleBinding that grants the deployer the lease role inside the namespace. */
    public static final String DEPLOYER_BINDING = "fabric-deployer";
    /**
     * The ClusterRole with the rights on a lease's objects (k8s/operator/deployer/rbac.yaml). Never
     * bound cluster-wide: only the binding in each lease namespace grants it.
     */
    public static final String LEASE_ROLE = "fabric-deployer-lease";

    /** Ownership: the selector the deployer lists, reconciles and deletes by. */
    public static final String MANAGED_BY = "fabric.dev/managed-by";
    public static final String OPERATOR = "fabric.dev/operator";
    public static final String APP = "fabric.dev/app";
    public static final String BID = "fabric.dev/bid";
    public static final String K8S_MANAGED_BY = "app.kubernetes.io/managed-by";
    public static final String K8S_NAME = "app.kubernetes.io/name";
    public static final String K8S_MANAGED_BY_VALUE = "fabric-deployer";

    public static final String BID_REF = "fabric.dev/bid-ref";
    public static final String LEASE_REF = "fabric.dev/lease-ref";
    public static final String STARTS_AT = "fabric.dev/starts-at";
    public static final String ENDS_AT = "fabric.dev/ends-at";
    public static final String CPU_MILLIS = "fabric.dev/cpu-millis";
    public static final String MEMORY_MIB = "fabric.dev/memory-mib";
    public static final String STORAGE_GIB = "fabric.dev/storage-gib";
    public static final String GPUS = "fabric.dev/gpus";
    public static final String WORKLOAD_KIND = "fabric.dev/workload-kind";
    /** Progress the deployer already reported (written by the lifecycle, not by the model). */
    public static final String PHASE = "fabric.dev/phase";
    /** Hash of the desired object, so re-applying an unchanged object is a no-op. */
    public static final String DESIRED_HASH = "fabric.dev/desired-hash";

    public static final Map<String, String> POD_SECURITY_RESTRICTED = Map.of(
            "pod-security.kubernetes.io/enforce", "restricted",
            "pod-security.kubernetes.io/enforce-version", "latest",
            "pod-security.kubernetes.io/audit", "restricted",
            "pod-security.kubernetes.io/audit-version", "latest",
            "pod-security.kubernetes.io/warn", "restricted",
            "pod-security.kubernetes.io/warn-version", "latest");

    private static final int SHORT_ID_LENGTH = 16;

    private LeaseNames() {
    }

    /**
     * Short bid id: 64 bits of a hash of the bid reference. Hashing (rather than cutting the tx id)
     * keeps two outputs of one transaction apart and is still a valid DNS label.
     */
    public static String shortBidId(String bidRef) {
        return EventIds.of("LeaseNamespace", bidRef).substring(0, SHORT_ID_LENGTH);
    }

    /** The namespace of a bid's lease: {@code fabric-<short bid id>}. */
    public static String namespaceFor(String bidRef) {
        return NAMESPACE_PREFIX + shortBidId(bidRef);
    }
}
