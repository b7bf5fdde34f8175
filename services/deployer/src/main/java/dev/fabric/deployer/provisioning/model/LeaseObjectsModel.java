package dev.fabric.deployer.provisioning.model;

import dev.fabric.deployer.domain.Capacity;
import dev.fabric.deployer.domain.PodShare;
import dev.fabric.deployer.domain.Workload;
import dev.fabric.deployer.domain.WorkloadKind;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.EmptyDirVolumeSourceBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.LimitRange;
import io.fabric8.kubernetes.api.model.LimitRangeBuilder;
import io.fabric8.kubernetes.api.model.LimitRangeItemBuilder;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PodSecurityContextBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.ResourceQuotaBuilder;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.SeccompProfileBuilder;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPortBuilder;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Turns a lease into the Kubernetes objects it must have (DESIGN.md §8). Pure: no client, no
 * clock; the same lease always renders the same objects, which is what makes re-applying them
 * after a crash a no-op.
 *
 * <p>The sandbox: a namespace under Pod Security {@code restricted}; a quota and limit range equal
 * to the request; network policies that deny all traffic except ingress to the declared ports; a
 * service account without an API token; pods that run as non-root on a read-only root filesystem
 * with every capability dropped, the {@code RuntimeDefault} seccomp profile and no privilege
 * escalation, each with requests = limits = its share of the request.
 */
public final class LeaseObjectsModel {

    public static final String GPU_RESOURCE = "nvidia.com/gpu";
    static final String TMP_VOLUME = "tmp";

    private final ModelOptions options;

    public LeaseObjectsModel(ModelOptions options) {
        this.options = Objects.requireNonNull(options, "options");
    }

    public DesiredObjects render(LeaseSpec lease) {
        String ns = lease.namespace();
        return new DesiredObjects(namespace(lease), deployerBinding(lease, ns), serviceAccount(lease, ns), quota(lease, ns),
                limits(lease, ns), networkPolicies(lease, ns), workload(lease, ns));
    }

    /** Labels every object of the lease carries; the namespace's are what ownership is decided by. */
    public static Map<String, String> ownerLabels(LeaseSpec lease) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(LeaseNames.K8S_MANAGED_BY, LeaseNames.K8S_MANAGED_BY_VALUE);
        labels.put(LeaseNames.MANAGED_BY, lease.operatorId());
        labels.put(LeaseNames.OPERATOR, lease.operatorId());
        labels.put(LeaseNames.APP, lease.appPkh());
        labels.put(LeaseNames.BID, LeaseNames.shortBidId(lease.bidRef()));
        return labels;
    }

    /** Annotations from which a restarted deployer rebuilds the lease ({@link LeaseRecord#fromNamespace}). */
    public static Map<String, String> leaseAnnotations(LeaseSpec lease) {
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put(LeaseNames.BID_REF, lease.bidRef());
        annotations.put(LeaseNames.LEASE_REF, lease.leaseRef());
        annotations.put(LeaseNames.STARTS_AT, lease.startAt().toString());
        annotations.put(LeaseNames.ENDS_AT, lease.endsAt().toString());
        annotations.put(LeaseNames.CPU_MILLIS, Long.toString(lease.request().cpuMillis()));
        annotations.put(LeaseNames.MEMORY_MIB, Long.toString(lease.request().memoryMiB()));
        annotations.put(LeaseNames.STORAGE_GIB, Long.toString(lease.request().storageGiB()));
        annotations.put(LeaseNames.GPUS, Integer.toString(lease.request().gpus()));
        annotations.put(LeaseNames.WORKLOAD_KIND, lease.workload().kind().name());
        return annotations;
    }

    private Namespace namespace(LeaseSpec lease) {
        Map<String, String> labels = ownerLabels(lease);
        labels.putAll(new java.util.TreeMap<>(LeaseNames.POD_SECURITY_RESTRICTED));
        return new NamespaceBuilder()
                .withMetadata(new ObjectMetaBuilder().withName(lease.namespace()).withLabels(labels)
                        .withAnnotations(leaseAnnotations(lease)).build())
                .build();
    }

    private ObjectMeta meta(LeaseSpec lease, String ns, String name) {
        return new ObjectMetaBuilder().withName(name).withNamespace(ns).withLabels(ownerLabels(lease)).build();
    }

    /**
     * Grants the deployer the lease role in this namespace only. The role is a ClusterRole so that
     * one definition serves every lease, but it is bound here, never cluster-wide: the deployer can
     * write lease objects only where it made such a binding, i.e. in namespaces it created.
     */
    private RoleBinding deployerBinding(LeaseSpec lease, String ns) {
        return new RoleBindingBuilder().withMetadata(meta(lease, ns, LeaseNames.DEPLOYER_BINDING))
                .withNewRoleRef().withApiGroup("rbac.authorization.k8s.io").withKind("ClusterRole").withName(LeaseNames.LEASE_ROLE).endRoleRef()
                .addNewSubject().withKind("ServiceAccount").withNamespace(options.deployerAccount().namespace())
                .withName(options.deployerAccount().name()).endSubject()
                .build();
    }

    private ServiceAccount serviceAccount(LeaseSpec lease, String ns) {
        // The workload has no business with the Kubernetes API: no token is mounted into its pods.
        return new ServiceAccountBuilder().withMetadata(meta(lease, ns, LeaseNames.WORKLOAD))
                .withAutomountServiceAccountToken(false).build();
    }

    private ResourceQuota quota(LeaseSpec lease, String ns) {
        Capacity request = lease.request();
        Map<String, Quantity> hard = new LinkedHashMap<>();
        hard.put("requests.cpu", cpu(request.cpuMillis()));
        hard.put("limits.cpu", cpu(request.cpuMillis()));
        hard.put("requests.memory", mebibytes(request.memoryMiB()));
        hard.put("limits.memory", mebibytes(request.memoryMiB()));
        if (request.storageGiB() > 0) {
            hard.put("requests.ephemeral-storage", new Quantity(request.storageGiB() + "Gi"));
            hard.put("limits.ephemeral-storage", new Quantity(request.storageGiB() + "Gi"));
        }
        // Extended resources are quota'd on requests only; 0 forbids GPUs to a lease that bought none.
        hard.put("requests." + GPU_RESOURCE, new Quantity(Integer.toString(request.gpus())));
        hard.put("pods", new Quantity(Integer.toString(lease.workload().replicas())));
        return new ResourceQuotaBuilder().withMetadata(meta(lease, ns, LeaseNames.QUOTA))
                .withNewSpec().withHard(hard).endSpec().build();
    }

    private LimitRange limits(LeaseSpec lease, String ns) {
        Capacity request = lease.request();
        PodShare share = PodShare.of(request, lease.workload().replicas());
        Map<String, Quantity> max = new LinkedHashMap<>();
        max.put("cpu", cpu(request.cpuMillis()));
        max.put("memory", mebibytes(request.memoryMiB()));
        if (request.storageGiB() > 0) {
            max.put("ephemeral-storage", new Quantity(request.storageGiB() + "Gi"));
        }
        Map<String, Quantity> perPod = containerResources(share);
        perPod.remove(GPU_RESOURCE);
        return new LimitRangeBuilder().withMetadata(meta(lease, ns, LeaseNames.LIMITS))
                .withNewSpec()
                .withLimits(new LimitRangeItemBuilder().withType("Container").withMax(max)
                                .withDefault(perPod).withDefaultRequest(new LinkedHashMap<>(perPod)).build(),
                        new LimitRangeItemBuilder().withType("Pod").withMax(new LinkedHashMap<>(max)).build())
                .endSpec().build();
    }

    private List<NetworkPolicy> networkPolicies(LeaseSpec lease, String ns) {
        List<NetworkPolicy> policies = new ArrayList<>();
        policies.add(new NetworkPolicyBuilder().withMetadata(meta(lease, ns, LeaseNames.DENY_ALL))
                .withNewSpec().withPodSelector(new LabelSelectorBuilder().build())
                .withPolicyTypes("Ingress", "Egress").endSpec().build());
        List<Integer> ports = lease.workload().ports();
        if (!ports.isEmpty()) {
            List<NetworkPolicyPort> allowed = ports.stream()
                    .map(p -> new NetworkPolicyPortBuilder().withProtocol("TCP").withPort(new IntOrString(p)).build()).toList();
            // No "from": the declared ports are the workload's service, reachable by whoever the cluster routes there.
            policies.add(new NetworkPolicyBuilder().withMetadata(meta(lease, ns, LeaseNames.ALLOW_PORTS))
                    .withNewSpec().withPodSelector(new LabelSelectorBuilder().withMatchLabels(podSelector(lease)).build())
                    .withPolicyTypes("Ingress").addNewIngress().withPorts(allowed).endIngress().endSpec().build());
        }
        if (options.allowDnsEgress()) {
            policies.add(new NetworkPolicyBuilder().withMetadata(meta(lease, ns, LeaseNames.ALLOW_DNS))
                    .withNewSpec().withPodSelector(new LabelSelectorBuilder().build()).withPolicyTypes("Egress")
                    .addNewEgress()
                    .addNewTo()
                    .withNamespaceSelector(new LabelSelectorBuilder().withMatchLabels(Map.of("kubernetes.io/metadata.name", "kube-system")).build())
                    .withPodSelector(new LabelSelectorBuilder().withMatchLabels(Map.of("k8s-app", "kube-dns")).build())
                    .endTo()
                    .withPorts(new NetworkPolicyPortBuilder().withProtocol("UDP").withPort(new IntOrString(53)).build(),
                            new NetworkPolicyPortBuilder().withProtocol("TCP").withPort(new IntOrString(53)).build())
                    .endEgress().endSpec().build());
        }
        return policies;
    }

    private static Map<String, String> podSelector(LeaseSpec lease) {
        Map<String, String> selector = new LinkedHashMap<>();
        selector.put(LeaseNames.K8S_NAME, LeaseNames.WORKLOAD);
        selector.put(LeaseNames.BID, LeaseNames.shortBidId(lease.bidRef()));
        return selector;
    }

    private HasMetadata workload(LeaseSpec lease, String ns) {
        Workload workload = lease.workload();
        PodShare share = PodShare.of(lease.request(), workload.replicas());
        if (workload.kind() == WorkloadKind.JOB) {
            PodTemplateSpec template = podTemplate(lease, podSpec(lease, share, "Never"));
            return new JobBuilder().withMetadata(meta(lease, ns, LeaseNames.WORKLOAD))
                    .withNewSpec()
                    .withParallelism(workload.replicas())
                    .withCompletions(workload.replicas())
                    .withBackoffLimit(options.jobBackoffLimit())
                    // A Job must not outlive the lease that pays for it.
                    .withActiveDeadlineSeconds(lease.endsAt().getEpochSecond() - lease.startAt().getEpochSecond())
                    .withTemplate(template)
                    .endSpec().build();
        }
        PodTemplateSpec template = podTemplate(lease, podSpec(lease, share, "Always"));
        return new DeploymentBuilder().withMetadata(meta(lease, ns, LeaseNames.WORKLOAD))
                .withNewSpec()
                .withReplicas(workload.replicas())
                .withSelector(new LabelSelectorBuilder().withMatchLabels(podSelector(lease)).build())
                // The quota holds exactly the request: a surge pod could never be admitted.
                .withNewStrategy().withType("RollingUpdate").withNewRollingUpdate()
                .withMaxSurge(new IntOrString(0)).withMaxUnavailable(new IntOrString(1)).endRollingUpdate().endStrategy()
                .withRevisionHistoryLimit(1)
                .withProgressDeadlineSeconds((int) Math.min(Integer.MAX_VALUE, options.deployDeadline().toSeconds()))
                .withTemplate(template)
                .endSpec().build();
    }

    private PodTemplateSpec podTemplate(LeaseSpec lease, PodSpec spec) {
        Map<String, String> labels = ownerLabels(lease);
        labels.putAll(podSelector(lease));
        return new PodTemplateSpecBuilder().withNewMetadata().withLabels(labels).endMetadata().withSpec(spec).build();
    }

    private PodSpec podSpec(LeaseSpec lease, PodShare share, String restartPolicy) {
        Workload workload = lease.workload();
        List<EnvVar> env = workload.env().entrySet().stream()
                .map(e -> new EnvVarBuilder().withName(e.getKey()).withValue(e.getValue()).build()).toList();
        Map<String, Quantity> resources = containerResources(share);
        ContainerBuilder container = new ContainerBuilder()
                .withName(LeaseNames.WORKLOAD)
                .withImage(workload.image())
                .withImagePullPolicy("IfNotPresent")
                .withEnv(env)
                .withPorts(workload.ports().stream().map(p -> new ContainerPortBuilder().withContainerPort(p).withProtocol("TCP").build()).toList())
                .withResources(new ResourceRequirementsBuilder().withRequests(resources).withLimits(new LinkedHashMap<>(resources)).build())
                .withSecurityContext(new SecurityContextBuilder()
                        .withRunAsNonRoot(true)
                        .withReadOnlyRootFilesystem(true)
                        .withAllowPrivilegeEscalation(false)
                        .withPrivileged(false)
                        .withNewCapabilities().withDrop("ALL").endCapabilities()
                        .withSeccompProfile(new SeccompProfileBuilder().withType("RuntimeDefault").build())
                        .build())
                // The root filesystem is read-only; /tmp is the workload's scratch space.
                .withVolumeMounts(new VolumeMountBuilder().withName(TMP_VOLUME).withMountPath("/tmp").build());
        if (!workload.command().isEmpty()) {
            container.withCommand(workload.command());
        }
        if (!workload.args().isEmpty()) {
            container.withArgs(workload.args());
        }
        return new PodSpecBuilder()
                .withServiceAccountName(LeaseNames.WORKLOAD)
                .withAutomountServiceAccountToken(false)
                .withEnableServiceLinks(false)
                .withRestartPolicy(restartPolicy)
                .withSecurityContext(new PodSecurityContextBuilder()
                        .withRunAsNonRoot(true)
                        .withSeccompProfile(new SeccompProfileBuilder().withType("RuntimeDefault").build())
                        .build())
                .withContainers(container.build())
                .withVolumes(new VolumeBuilder().withName(TMP_VOLUME).withEmptyDir(tmpVolume(share)).build())
                .build();
    }

    /**
     * Scratch space: on disk, bounded by the pod's storage share when the lease bought storage;
     * otherwise memory-backed, so it counts against the memory the lease bought rather than the
     * node's disk.
     */
    private static io.fabric8.kubernetes.api.model.EmptyDirVolumeSource tmpVolume(PodShare share) {
        if (share.ephemeralStorageMiB() > 0) {
            return new EmptyDirVolumeSourceBuilder().withSizeLimit(mebibytes(share.ephemeralStorageMiB())).build();
        }
        return new EmptyDirVolumeSourceBuilder().withMedium("Memory").withSizeLimit(mebibytes(Math.max(1, share.memoryMiB() / 4))).build();
    }

    /** Requests = limits = the pod's share: Guaranteed QoS, and the replicas' sum stays within the quota. */
    static Map<String, Quantity> containerResources(PodShare share) {
        Map<String, Quantity> resources = new LinkedHashMap<>();
        resources.put("cpu", cpu(share.cpuMillis()));
        resources.put("memory", mebibytes(share.memoryMiB()));
        if (share.ephemeralStorageMiB() > 0) {
            resources.put("ephemeral-storage", mebibytes(share.ephemeralStorageMiB()));
        }
        if (share.gpus() > 0) {
            resources.put(GPU_RESOURCE, new Quantity(Integer.toString(share.gpus())));
        }
        return resources;
    }

    static Quantity cpu(long millis) {
        return new Quantity(millis + "m");
    }

    static Quantity mebibytes(long mib) {
        return new Quantity(mib + "Mi");
    }
}
