package dev.fabric.deployer.provisioning.model;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LimitRange;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import java.util.ArrayList;
import java.util.List;

/**
 * The Kubernetes objects one lease must have, as the model rendered them. {@link #inNamespace()}
 * is the order they are applied in: first the binding that lets the deployer write in the
 * namespace at all, then limits and the network lockdown, so they exist before any pod can.
 */
public record DesiredObjects(Namespace namespace, RoleBinding deployerBinding, ServiceAccount serviceAccount, ResourceQuota quota,
                             LimitRange limits, List<NetworkPolicy> networkPolicies, HasMetadata workload) {

    public DesiredObjects {
        networkPolicies = List.copyOf(networkPolicies);
    }

    public String namespaceName() {
        return namespace.getMetadata().getName();
    }

    /** The namespaced objects, in apply order. */
    public List<HasMetadata> inNamespace() {
        List<HasMetadata> objects = new ArrayList<>();
        objects.add(deployerBinding);
        objects.add(quota);
        objects.add(limits);
        objects.addAll(networkPolicies);
        objects.add(serviceAccount);
        objects.add(workload);
        return objects;
    }
}
