package dev.fabric.deployer.provisioning;

import dev.fabric.deployer.provisioning.model.LeaseNames;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Map;

/**
 * What the mock API server cannot do by itself: it runs no controllers, so a test plays the
 * Deployment / Job controller by writing the workload's status.
 */
public final class MockCluster {

    private MockCluster() {
    }

    public static void deploymentStatus(KubernetesClient client, String namespace, DeploymentStatus status) {
        client.apps().deployments().inNamespace(namespace).withName(LeaseNames.WORKLOAD).editStatus(d -> {
            d.setStatus(status);
            return d;
        });
    }

    public static void jobStatus(KubernetesClient client, String namespace, JobStatus status) {
        client.batch().v1().jobs().inNamespace(namespace).withName(LeaseNames.WORKLOAD).editStatus(j -> {
            j.setStatus(status);
            return j;
        });
    }

    /** A namespace someone else created, with the given labels and annotations. */
    public static void foreignNamespace(KubernetesClient client, String name, Map<String, String> labels, Map<String, String> annotations) {
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name).withLabels(labels)
                .withAnnotations(annotations).endMetadata().build()).create();
    }
}
