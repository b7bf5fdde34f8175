package dev.fabric.deployer.provisioning.model;

import dev.fabric.deployer.domain.Capacity;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;

/**
 * What a lease's pods could be scheduled on: the sum of {@code status.allocatable} over nodes that
 * are Ready, not cordoned and not tainted against ordinary pods (lease pods carry no tolerations).
 */
public final class NodeAllocatable {

    private static final BigDecimal MIB = BigDecimal.valueOf(1024L * 1024);
    private static final BigDecimal GIB = BigDecimal.valueOf(1024L * 1024 * 1024);

    private NodeAllocatable() {
    }

    public static Capacity sum(List<Node> nodes) {
        Capacity total = Capacity.ZERO;
        for (Node node : nodes) {
            if (schedulable(node)) {
                total = total.plus(of(node));
            }
        }
        return total;
    }

    static boolean schedulable(Node node) {
        if (node.getSpec() != null && Boolean.TRUE.equals(node.getSpec().getUnschedulable())) {
            return false;
        }
        if (node.getSpec() != null && node.getSpec().getTaints() != null && node.getSpec().getTaints().stream()
                .anyMatch(t -> "NoSchedule".equals(t.getEffect()) || "NoExecute".equals(t.getEffect()))) {
            return false;
        }
        return node.getStatus() != null && node.getStatus().getConditions() != null && node.getStatus().getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    static Capacity of(Node node) {
        Map<String, Quantity> allocatable = node.getStatus().getAllocatable();
        if (allocatable == null) {
            return Capacity.ZERO;
        }
        long cpuMillis = amount(allocatable.get("cpu")).multiply(BigDecimal.valueOf(1000)).setScale(0, RoundingMode.FLOOR).longValueExact();
        long memoryMiB = amount(allocatable.get("memory")).divide(MIB, 0, RoundingMode.FLOOR).longValueExact();
        long storageGiB = amount(allocatable.get("ephemeral-storage")).divide(GIB, 0, RoundingMode.FLOOR).longValueExact();
        int gpus = amount(allocatable.get(LeaseObjectsModel.GPU_RESOURCE)).setScale(0, RoundingMode.FLOOR).intValueExact();
        return new Capacity(cpuMillis, memoryMiB, storageGiB, gpus);
    }

    private static BigDecimal amount(Quantity quantity) {
        return quantity == null ? BigDecimal.ZERO : Quantity.getAmountInBytes(quantity).max(BigDecimal.ZERO);
    }
}
