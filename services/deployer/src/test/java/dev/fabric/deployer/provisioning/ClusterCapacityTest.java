package dev.fabric.deployer.provisioning;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fabric.deployer.domain.Capacity;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.util.Map;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class ClusterCapacityTest {

    KubernetesClient client;

    private void node(String name, String cpu, String memory) {
        client.nodes().resource(new NodeBuilder().withNewMetadata().withName(name).endMetadata()
                .withNewStatus().withAllocatable(Map.of("cpu", new Quantity(cpu), "memory", new Quantity(memory),
                        "ephemeral-storage", new Quantity("100Gi")))
                .addNewCondition().withType("Ready").withStatus("True").endCondition().endStatus().build()).create();
    }

    @Test
    void shouldSellWhatTheNodesAllocateUpToTheOperatorsCap() {
        node("a", "4", "16Gi");
        node("b", "8", "32Gi");
        ClusterCapacity capacity = new ClusterCapacity(client, new Capacity(10_000, Long.MAX_VALUE, Long.MAX_VALUE, Integer.MAX_VALUE));

        assertThat(capacity.allocatable()).isEqualTo(Capacity.ZERO);
        assertThat(capacity.refresh()).isEqualTo(new Capacity(10_000, 49_152, 200, 0));
        assertThat(capacity.allocatable()).isEqualTo(new Capacity(10_000, 49_152, 200, 0));
    }
}
