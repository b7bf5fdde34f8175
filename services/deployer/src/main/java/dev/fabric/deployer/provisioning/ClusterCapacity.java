package dev.fabric.deployer.provisioning;

import dev.fabric.deployer.domain.Capacity;
import dev.fabric.deployer.provisioning.model.NodeAllocatable;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * What this operator can sell: its schedulable nodes' allocatable resources, capped by the
 * operator's configured limits. Refreshed periodically; when a refresh fails the last known value
 * stays (a transient API error must not make the operator think its cluster vanished).
 */
public final class ClusterCapacity {

    private static final Logger LOG = Logger.getLogger(ClusterCapacity.class);

    private final KubernetesClient client;
    private final Capacity cap;
    private final AtomicReference<Capacity> current = new AtomicReference<>(Capacity.ZERO);

    /** @param cap the most the operator sells of each resource, whatever its nodes have */
    public ClusterCapacity(KubernetesClient client, Capacity cap) {
        this.client = Objects.requireNonNull(client, "client");
        this.cap = Objects.requireNonNull(cap, "cap");
    }

    /** Reads the nodes again; returns the new allocatable capacity. */
    public Capacity refresh() {
        try {
            Capacity nodes = NodeAllocatable.sum(client.nodes().list().getItems());
            Capacity sellable = nodes.min(cap);
            current.set(sellable);
            return sellable;
        } catch (KubernetesClientException e) {
            LOG.warnf("Cannot read nodes (%s); keeping allocatable %s", e.getMessage(), current.get());
            return current.get();
        }
    }

    /** The last value read. */
    public Capacity allocatable() {
        return current.get();
    }
}
