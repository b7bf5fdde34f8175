package dev.fabric.deployer.provisioning.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fabric.deployer.domain.Capacity;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.TaintBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NodeAllocatableTest {

    static NodeBuilder node(String name, Map<String, Quantity> allocatable, boolean ready) {
        return new NodeBuilder().withNewMetadata().withName(name).endMetadata()
                .withNewSpec().endSpec()
                .withNewStatus().withAllocatable(allocatable)
                .addNewCondition().withType("Ready").withStatus(ready ? "True" : "False").endCondition().endStatus();
    }

    static Map<String, Quantity> resources(String cpu, String memory, String storage, String gpus) {
        return gpus == null
                ? Map.of("cpu", new Quantity(cpu), "memory", new Quantity(memory), "ephemeral-storage", new Quantity(storage))
                : Map.of("cpu", new Quantity(cpu), "memory", new Quantity(memory), "ephemeral-storage", new Quantity(storage),
                        "nvidia.com/gpu", new Quantity(gpus));
    }

    @Test
    void shouldSumAllocatableOfSchedulableNodesInDeployerUnits() {
        List<Node> nodes = List.of(
                node("a", resources("4", "16Gi", "100Gi", null), true).build(),
                node("b", resources("3900m", "16393216Ki", "107374182400", "2"), true).build());

        Capacity total = NodeAllocatable.sum(nodes);

        assertThat(total).isEqualTo(new Capacity(7900, 16384 + 16009, 200, 2));
    }

    @Test
    void shouldSkipNodesPodsCannotLandOn() {
        Map<String, Quantity> r = resources("4", "16Gi", "100Gi", null);
        List<Node> nodes = List.of(
                node("not-ready", r, false).build(),
                node("cordoned", r, true).editSpec().withUnschedulable(true).endSpec().build(),
                node("control-plane", r, true).editSpec().withTaints(new TaintBuilder().withKey("node-role.kubernetes.io/control-plane")
                        .withEffect("NoSchedule").build()).endSpec().build(),
                node("soft-taint", r, true).editSpec().withTaints(new TaintBuilder().withKey("x").withEffect("PreferNoSchedule").build()).endSpec().build());

        assertThat(NodeAllocatable.sum(nodes)).isEqualTo(new Capacity(4000, 16384, 100, 0));
    }
}
