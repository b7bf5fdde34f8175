package dev.fabric.deployer.provisioning.model;

import dev.fabric.deployer.domain.Capacity;
import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SeccompProfile;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Checks a rendered workload against Pod Security {@code restricted} and against the lease's
 * request, before anything is created. The namespace label makes the API server enforce the
 * profile too; checking here as well turns a rejected pod (which would only show up as a rollout
 * that never finishes) into an immediate {@code Failed(VALIDATION)} with the reason, and guards
 * the model against a change that weakens the sandbox.
 */
public final class PodSecurityAdmission {

    /** Volume types the restricted profile allows. */
    private static final Set<String> ALLOWED_VOLUMES = Set.of(
            "configMap", "csi", "downwardAPI", "emptyDir", "ephemeral", "persistentVolumeClaim", "projected", "secret");

    private PodSecurityAdmission() {
    }

    /** Problems of the workload object (Deployment or Job) for a lease of {@code request}; empty when admissible. */
    public static List<String> problems(HasMetadata workload, Capacity request) {
        PodSpec pod;
        int replicas;
        if (workload instanceof Deployment deployment) {
            pod = deployment.getSpec().getTemplate().getSpec();
            replicas = deployment.getSpec().getReplicas() == null ? 1 : deployment.getSpec().getReplicas();
        } else if (workload instanceof Job job) {
            pod = job.getSpec().getTemplate().getSpec();
            replicas = job.getSpec().getParallelism() == null ? 1 : job.getSpec().getParallelism();
        } else {
            return List.of("workload kind " + workload.getKind() + " is not supported");
        }
        List<String> problems = new ArrayList<>(podProblems(pod));
        problems.addAll(resourceProblems(pod, replicas, request));
        return problems;
    }

    static List<String> podProblems(PodSpec pod) {
        List<String> problems = new ArrayList<>();
        if (Boolean.TRUE.equals(pod.getHostNetwork())) {
            problems.add("hostNetwork is not allowed");
        }
        if (Boolean.TRUE.equals(pod.getHostPID())) {
            problems.add("hostPID is not allowed");
        }
        if (Boolean.TRUE.equals(pod.getHostIPC())) {
            problems.add("hostIPC is not allowed");
        }
        for (Volume volume : pod.getVolumes()) {
            if (volume.getHostPath() != null) {
                problems.add("hostPath volume '" + volume.getName() + "' is not allowed");
            } else if (volumeType(volume).filter(ALLOWED_VOLUMES::contains).isEmpty()) {
                problems.add("volume '" + volume.getName() + "' is of a type the restricted profile forbids");
            }
        }
        PodSecurityContext podContext = pod.getSecurityContext();
        boolean podNonRoot = podContext != null && Boolean.TRUE.equals(podContext.getRunAsNonRoot());
        boolean podSeccomp = podContext != null && seccompAllowed(podContext.getSeccompProfile());
        if (podContext != null && Long.valueOf(0).equals(podContext.getRunAsUser())) {
            problems.add("pod runs as user 0");
        }
        for (Container c : allContainers(pod)) {
            problems.addAll(containerProblems(c, podNonRoot, podSeccomp));
        }
        return problems;
    }

    private static List<String> containerProblems(Container c, boolean podNonRoot, boolean podSeccomp) {
        List<String> problems = new ArrayList<>();
        String name = "container '" + c.getName() + "'";
        SecurityContext sc = c.getSecurityContext();
        if (sc == null) {
            problems.add(name + " has no securityContext");
            return problems;
        }
        if (Boolean.TRUE.equals(sc.getPrivileged())) {
            problems.add(name + " is privileged");
        }
        if (!Boolean.FALSE.equals(sc.getAllowPrivilegeEscalation())) {
            problems.add(name + " must set allowPrivilegeEscalation=false");
        }
        Capabilities caps = sc.getCapabilities();
        if (caps == null || caps.getDrop() == null || !caps.getDrop().contains("ALL")) {
            problems.add(name + " must drop ALL capabilities");
        }
        if (caps != null && caps.getAdd() != null && !caps.getAdd().isEmpty()) {
            problems.add(name + " adds capabilities " + caps.getAdd());
        }
        if (!Boolean.TRUE.equals(sc.getRunAsNonRoot()) && !podNonRoot) {
            problems.add(name + " must run as non-root");
        }
        if (Long.valueOf(0).equals(sc.getRunAsUser())) {
            problems.add(name + " runs as user 0");
        }
        if (!(sc.getSeccompProfile() == null ? podSeccomp : seccompAllowed(sc.getSeccompProfile()))) {
            problems.add(name + " must use the RuntimeDefault seccomp profile");
        }
        if (!Boolean.TRUE.equals(sc.getReadOnlyRootFilesystem())) {
            problems.add(name + " must have a read-only root filesystem");
        }
        c.getPorts().stream().filter(p -> p.getHostPort() != null && p.getHostPort() != 0)
                .forEach(p -> problems.add(name + " uses hostPort " + p.getHostPort()));
        return problems;
    }

    /**
     * Every container must have limits (the quota would reject it otherwise) and the replicas'
     * limits together must fit the request.
     */
    static List<String> resourceProblems(PodSpec pod, int replicas, Capacity request) {
        List<String> problems = new ArrayList<>();
        BigDecimal cpu = BigDecimal.ZERO;
        BigDecimal memory = BigDecimal.ZERO;
        BigDecimal gpus = BigDecimal.ZERO;
        for (Container c : allContainers(pod)) {
            Map<String, Quantity> limits = c.getResources() == null ? null : c.getResources().getLimits();
            if (limits == null || !limits.containsKey("cpu") || !limits.containsKey("memory")) {
                problems.add("container '" + c.getName() + "' has no cpu/memory limits");
                continue;
            }
            cpu = cpu.add(Quantity.getAmountInBytes(limits.get("cpu")));
            memory = memory.add(Quantity.getAmountInBytes(limits.get("memory")));
            if (limits.containsKey(LeaseObjectsModel.GPU_RESOURCE)) {
                gpus = gpus.add(Quantity.getAmountInBytes(limits.get(LeaseObjectsModel.GPU_RESOURCE)));
            }
        }
        BigDecimal n = BigDecimal.valueOf(replicas);
        BigDecimal cpuMillis = cpu.multiply(n).multiply(BigDecimal.valueOf(1000));
        BigDecimal memoryBytes = memory.multiply(n);
        if (cpuMillis.compareTo(BigDecimal.valueOf(request.cpuMillis())) > 0) {
            problems.add("resources over the request: cpu limits " + cpuMillis.stripTrailingZeros().toPlainString()
                    + "m > " + request.cpuMillis() + "m");
        }
        if (memoryBytes.compareTo(BigDecimal.valueOf(request.memoryMiB()).multiply(BigDecimal.valueOf(1024L * 1024))) > 0) {
            problems.add("resources over the request: memory limits exceed " + request.memoryMiB() + "Mi");
        }
        if (gpus.multiply(n).compareTo(BigDecimal.valueOf(request.gpus())) > 0) {
            problems.add("resources over the request: gpu limits exceed " + request.gpus());
        }
        return problems;
    }

    private static boolean seccompAllowed(SeccompProfile profile) {
        return profile != null && ("RuntimeDefault".equals(profile.getType()) || "Localhost".equals(profile.getType()));
    }

    private static List<Container> allContainers(PodSpec pod) {
        return Stream.concat(pod.getContainers().stream(), pod.getInitContainers().stream()).toList();
    }

    private static java.util.Optional<String> volumeType(Volume v) {
        if (v.getConfigMap() != null) {
            return java.util.Optional.of("configMap");
        }
        if (v.getCsi() != null) {
            return java.util.Optional.of("csi");
        }
        if (v.getDownwardAPI() != null) {
            return java.util.Optional.of("downwardAPI");
        }
        if (v.getEmptyDir() != null) {
            return java.util.Optional.of("emptyDir");
        }
        if (v.getEphemeral() != null) {
            return java.util.Optional.of("ephemeral");
        }
        if (v.getPersistentVolumeClaim() != null) {
            return java.util.Optional.of("persistentVolumeClaim");
        }
        if (v.getProjected() != null) {
            return java.util.Optional.of("projected");
        }
        if (v.getSecret() != null) {
            return java.util.Optional.of("secret");
        }
        return java.util.Optional.empty();
    }
}
