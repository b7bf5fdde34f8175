package dev.fabric.deployer.provisioning;

import dev.fabric.deployer.domain.WorkloadKind;
import dev.fabric.deployer.provisioning.model.ContentHash;
import dev.fabric.deployer.provisioning.model.DesiredObjects;
import dev.fabric.deployer.provisioning.model.LeaseNames;
import dev.fabric.deployer.provisioning.model.LeasePhase;
import dev.fabric.deployer.provisioning.model.LeaseRecord;
import dev.fabric.deployer.provisioning.model.Rollout;
import dev.fabric.deployer.provisioning.model.RolloutStatus;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.net.HttpURLConnection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jboss.logging.Logger;

/**
 * Makes the cluster match a lease's desired objects, with plain create / update (the API servers
 * this must work against, and the mock the tests use, do not all support server-side apply).
 *
 * <p>Idempotent: every step reads first and writes only what differs, so a re-run after a crash
 * at any step converges and never duplicates. Ownership first: a namespace is only written or
 * deleted when it carries this operator's {@code fabric.dev/managed-by} label and the lease's bid
 * reference; anything else is reported and left alone.
 */
public final class LeaseReconciler {

    private static final Logger LOG = Logger.getLogger(LeaseReconciler.class);
    private static final KubernetesSerialization CLONER = new KubernetesSerialization();

    private final KubernetesClient client;
    private final String operatorId;

    public LeaseReconciler(KubernetesClient client, String operatorId) {
        this.client = Objects.requireNonNull(client, "client");
        this.operatorId = Objects.requireNonNull(operatorId, "operatorId");
    }

    /** Creates or updates the namespace, then every object in it, in the model's order. */
    public ApplyResult apply(DesiredObjects desired) {
        String name = desired.namespaceName();
        List<String> changed = new ArrayList<>();
        Namespace current = client.namespaces().withName(name).get();
        if (current == null) {
            current = createNamespace(desired.namespace(), changed);
        }
        String bidRef = desired.namespace().getMetadata().getAnnotations().get(LeaseNames.BID_REF);
        String notOwned = ownershipProblem(current, bidRef);
        if (notOwned != null) {
            LOG.warnf("Not touching namespace %s: %s", name, notOwned);
            return new ApplyResult.NotOwned(name, notOwned);
        }
        if (current.getMetadata().getDeletionTimestamp() != null) {
            // A namespace being deleted cannot take new objects; the caller retries once it is gone.
            throw new KubernetesClientException("namespace " + name + " is still terminating", HttpURLConnection.HTTP_CONFLICT, null);
        }
        mergeNamespaceMetadata(current, desired.namespace(), changed);
        for (HasMetadata object : desired.inNamespace()) {
            upsert(name, object, changed);
        }
        return new ApplyResult.Applied(name, changed);
    }

    /** Deletes the lease's namespace (and with it everything in it) if it is ours. */
    public TeardownResult teardown(String namespace, String bidRef) {
        Namespace current = client.namespaces().withName(namespace).get();
        if (current == null) {
            return TeardownResult.ABSENT;
        }
        String notOwned = ownershipProblem(current, bidRef);
        if (notOwned != null) {
            LOG.warnf("Not deleting namespace %s: %s", namespace, notOwned);
            return TeardownResult.NOT_OWNED;
        }
        client.namespaces().withName(namespace).delete();
        return TeardownResult.DELETED;
    }

    /** Reads the workload's rollout from its status. */
    public Rollout rollout(String namespace, WorkloadKind kind) {
        HasMetadata workload = kind == WorkloadKind.JOB
                ? client.batch().v1().jobs().inNamespace(namespace).withName(LeaseNames.WORKLOAD).get()
                : client.apps().deployments().inNamespace(namespace).withName(LeaseNames.WORKLOAD).get();
        return RolloutStatus.classify(workload);
    }

    /** Records on the namespace how far the lease got, so a restart does not report it again. */
    public void recordPhase(String namespace, String bidRef, LeasePhase phase) {
        Namespace current = client.namespaces().withName(namespace).get();
        if (current == null || ownershipProblem(current, bidRef) != null) {
            return;
        }
        client.namespaces().withName(namespace).edit(ns -> {
            ns.getMetadata().getAnnotations().put(LeaseNames.PHASE, phase.name());
            return ns;
        });
    }

    /** Every namespace this operator owns, read back as leases (what a restart starts from). */
    public List<LeaseRecord.Parsed> ownedLeases() {
        return client.namespaces().withLabel(LeaseNames.MANAGED_BY, operatorId).list().getItems().stream()
                .filter(ns -> ns.getMetadata().getDeletionTimestamp() == null)
                .map(LeaseRecord::fromNamespace)
                .toList();
    }

    private Namespace createNamespace(Namespace desired, List<String> changed) {
        try {
            Namespace created = client.resource(desired).create();
            changed.add("Namespace/" + desired.getMetadata().getName());
            return created;
        } catch (KubernetesClientException e) {
            if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
                throw e;
            }
            // Created concurrently (or by a run that crashed after the call): read what is there.
            return client.namespaces().withName(desired.getMetadata().getName()).require();
        }
    }

    private String ownershipProblem(Namespace ns, String bidRef) {
        Map<String, String> labels = ns.getMetadata().getLabels() == null ? Map.of() : ns.getMetadata().getLabels();
        Map<String, String> annotations = ns.getMetadata().getAnnotations() == null ? Map.of() : ns.getMetadata().getAnnotations();
        if (!operatorId.equals(labels.get(LeaseNames.MANAGED_BY))) {
            return "it is not labelled " + LeaseNames.MANAGED_BY + "=" + operatorId;
        }
        if (!Objects.equals(bidRef, annotations.get(LeaseNames.BID_REF))) {
            return "it belongs to bid " + annotations.get(LeaseNames.BID_REF) + ", not " + bidRef;
        }
        return null;
    }

    /** Adds the desired labels and annotations; leaves others (the phase, what the cluster adds) alone. */
    private void mergeNamespaceMetadata(Namespace current, Namespace desired, List<String> changed) {
        Map<String, String> labels = current.getMetadata().getLabels() == null ? Map.of() : current.getMetadata().getLabels();
        Map<String, String> annotations = current.getMetadata().getAnnotations() == null ? Map.of() : current.getMetadata().getAnnotations();
        boolean labelsOk = labels.entrySet().containsAll(desired.getMetadata().getLabels().entrySet());
        boolean annotationsOk = annotations.entrySet().containsAll(desired.getMetadata().getAnnotations().entrySet());
        if (labelsOk && annotationsOk) {
            return;
        }
        client.namespaces().withName(desired.getMetadata().getName()).edit(ns -> {
            Map<String, String> l = new HashMap<>(ns.getMetadata().getLabels() == null ? Map.of() : ns.getMetadata().getLabels());
            l.putAll(desired.getMetadata().getLabels());
            Map<String, String> a = new HashMap<>(ns.getMetadata().getAnnotations() == null ? Map.of() : ns.getMetadata().getAnnotations());
            a.putAll(desired.getMetadata().getAnnotations());
            ns.getMetadata().setLabels(l);
            ns.getMetadata().setAnnotations(a);
            return ns;
        });
        changed.add("Namespace/" + desired.getMetadata().getName());
    }

    private void upsert(String namespace, HasMetadata desired, List<String> changed) {
        String hash = ContentHash.of(desired);
        HasMetadata toWrite = withHash(desired, hash);
        String id = desired.getKind() + "/" + desired.getMetadata().getName();
        HasMetadata current = client.resource(toWrite).inNamespace(namespace).get();
        if (current == null) {
            try {
                client.resource(toWrite).inNamespace(namespace).create();
                changed.add(id);
                return;
            } catch (KubernetesClientException e) {
                if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
                    throw e;
                }
                // Created meanwhile (a request of a crashed earlier run landing late): compare with what is there.
                current = client.resource(toWrite).inNamespace(namespace).get();
                if (current == null) {
                    throw e;
                }
            }
        }
        Map<String, String> annotations = current.getMetadata().getAnnotations();
        if (annotations != null && hash.equals(annotations.get(LeaseNames.DESIRED_HASH))) {
            return;
        }
        if (toWrite instanceof Job) {
            // A Job's pod template is immutable: a Job that drifted is replaced, not updated.
            client.resource(current).inNamespace(namespace).withTimeoutInMillis(30_000).delete();
            client.resource(toWrite).inNamespace(namespace).create();
        } else {
            toWrite.getMetadata().setResourceVersion(current.getMetadata().getResourceVersion());
            client.resource(toWrite).inNamespace(namespace).update();
        }
        changed.add(id);
    }

    private static HasMetadata withHash(HasMetadata desired, String hash) {
        HasMetadata copy = CLONER.clone(desired);
        Map<String, String> annotations = new HashMap<>(copy.getMetadata().getAnnotations() == null ? Map.of() : copy.getMetadata().getAnnotations());
        annotations.put(LeaseNames.DESIRED_HASH, hash);
        copy.getMetadata().setAnnotations(annotations);
        return copy;
    }
}
