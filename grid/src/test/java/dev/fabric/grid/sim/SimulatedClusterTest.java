package dev.fabric.grid.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SimulatedClusterTest {

    private static final SimulatedCluster.Shape SHAPE = new SimulatedCluster.Shape(2, 8000, 32768, 200, 1);

    private static KubernetesClient clientOf(SimulatedCluster cluster) {
        return new KubernetesClientBuilder().withConfig(new ConfigBuilder().withMasterUrl(cluster.apiUrl())
                .withTrustCerts(true).withNamespace("default").build()).build();
    }

    private static Deployment deployment(String ns, int replicas) {
        return new DeploymentBuilder().withNewMetadata().withName("workload").withNamespace(ns).endMetadata()
                .withNewSpec().withReplicas(replicas).withNewSelector().addToMatchLabels("app", "w").endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", "w").endMetadata().withNewSpec()
                .addNewContainer().withName("main").withImage("nginx:1.27").endContainer().endSpec().endTemplate().endSpec().build();
    }

    @Test
    void shouldExposeItsNodesWithAllocatableResources() {
        try (SimulatedCluster cluster = SimulatedCluster.start("op-a", 0, SHAPE, 1.0, Duration.ofMillis(100), 1);
             KubernetesClient client = clientOf(cluster)) {
            assertThat(client.nodes().list().getItems()).hasSize(2)
                    .allSatisfy(n -> assertThat(n.getStatus().getAllocatable().get("cpu").toString()).isEqualTo("8000m"))
                    .allSatisfy(n -> assertThat(n.getStatus().getAllocatable()).containsKey("nvidia.com/gpu"));
        }
    }

    @Test
    void shouldReportDeploymentsReadyWhenReliable() {
        try (SimulatedCluster cluster = SimulatedCluster.start("op-b", 0, SHAPE, 1.0, Duration.ofMillis(100), 1);
             KubernetesClient client = clientOf(cluster)) {
            client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("fabric-1").endMetadata().build()).create();
            client.apps().deployments().inNamespace("fabric-1").resource(deployment("fabric-1", 2)).create();

            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                Deployment d = client.apps().deployments().inNamespace("fabric-1").withName("workload").get();
                assertThat(d.getStatus()).isNotNull();
                assertThat(d.getStatus().getReadyReplicas()).isEqualTo(2);
            });
            assertThat(cluster.rolledOut()).isEqualTo(1);
        }
    }

    @Test
    void shouldFailRolloutsOfAnUnreliableOperator() {
        try (SimulatedCluster cluster = SimulatedCluster.start("op-c", 0, SHAPE, 0.0, Duration.ofMillis(100), 1);
             KubernetesClient client = clientOf(cluster)) {
            client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("fabric-2").endMetadata().build()).create();
            client.apps().deployments().inNamespace("fabric-2").resource(deployment("fabric-2", 1)).create();
            client.batch().v1().jobs().inNamespace("fabric-2").resource(new JobBuilder().withNewMetadata().withName("batch")
                    .withNamespace("fabric-2").endMetadata().withNewSpec().withNewTemplate().withNewSpec().addNewContainer()
                    .withName("main").withImage("busybox:1.36").endContainer().withRestartPolicy("Never").endSpec().endTemplate()
                    .endSpec().build()).create();

            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                Deployment d = client.apps().deployments().inNamespace("fabric-2").withName("workload").get();
                assertThat(d.getStatus()).as("status reported").isNotNull();
                assertThat(d.getStatus().getConditions()).anySatisfy(c -> assertThat(c.getReason()).isEqualTo("ProgressDeadlineExceeded"));
                var job = client.batch().v1().jobs().inNamespace("fabric-2").withName("batch").get();
                assertThat(job.getStatus()).as("job status reported").isNotNull();
                assertThat(job.getStatus().getConditions())
                        .anySatisfy(c -> assertThat(c.getType()).isEqualTo("Failed"));
            });
            assertThat(cluster.failed()).isEqualTo(2);
        }
    }
}
