package dev.fabric.k8s;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The rules every pod of the suite follows: the restricted Pod Security profile and then some
 * (read-only root filesystem, probes, requests and limits, a pinned image). Returns what is wrong,
 * one line per violation, so a failing test names the Deployment, the container and the rule.
 */
final class PodSpecChecks {

    private PodSpecChecks() {
    }

    static List<String> violations(Deployment deployment) {
        String where = deployment.getMetadata().getName();
        PodSpec pod = deployment.getSpec().getTemplate().getSpec();
        PodSecurityContext podSecurity = Optional.ofNullable(pod.getSecurityContext()).orElse(new PodSecurityContext());
        List<String> out = new ArrayList<>();
        if (Boolean.TRUE.equals(pod.getHostNetwork()) || Boolean.TRUE.equals(pod.getHostPID()) || Boolean.TRUE.equals(pod.getHostIPC())) {
            out.add(where + ": shares a host namespace");
        }
        for (Volume volume : pod.getVolumes() == null ? List.<Volume>of() : pod.getVolumes()) {
            if (volume.getHostPath() != null) {
                out.add(where + ": hostPath volume " + volume.getName());
            }
        }
        List<Container> containers = Stream.concat(pod.getContainers().stream(),
                pod.getInitContainers() == null ? Stream.empty() : pod.getInitContainers().stream()).toList();
        for (Container container : containers) {
            String at = where + "/" + container.getName();
            boolean init = pod.getInitContainers() != null && pod.getInitContainers().contains(container);
            SecurityContext security = Optional.ofNullable(container.getSecurityContext()).orElse(new SecurityContext());
            if (!init && container.getLivenessProbe() == null) {
                out.add(at + ": no liveness probe");
            }
            if (!init && container.getReadinessProbe() == null) {
                out.add(at + ": no readiness probe");
            }
            Map<String, Quantity> requests = container.getResources() == null ? null : container.getResources().getRequests();
            Map<String, Quantity> limits = container.getResources() == null ? null : container.getResources().getLimits();
            for (String resource : List.of("cpu", "memory")) {
                if (requests == null || !requests.containsKey(resource)) {
                    out.add(at + ": no " + resource + " request");
                }
                if (limits == null || !limits.containsKey(resource)) {
                    out.add(at + ": no " + resource + " limit");
                }
            }
            Boolean nonRoot = security.getRunAsNonRoot() != null ? security.getRunAsNonRoot() : podSecurity.getRunAsNonRoot();
            if (!Boolean.TRUE.equals(nonRoot)) {
                out.add(at + ": runAsNonRoot is not true");
            }
            Long user = security.getRunAsUser() != null ? security.getRunAsUser() : podSecurity.getRunAsUser();
            if (user != null && user == 0L) {
                out.add(at + ": runs as uid 0");
            }
            if (!Boolean.FALSE.equals(security.getAllowPrivilegeEscalation())) {
                out.add(at + ": allowPrivilegeEscalation is not false");
            }
            if (!Boolean.TRUE.equals(security.getReadOnlyRootFilesystem())) {
                out.add(at + ": readOnlyRootFilesystem is not true");
            }
            if (Boolean.TRUE.equals(security.getPrivileged())) {
                out.add(at + ": privileged");
            }
            if (security.getCapabilities() == null || security.getCapabilities().getDrop() == null
                    || !security.getCapabilities().getDrop().contains("ALL")) {
                out.add(at + ": capabilities are not dropped (drop: [ALL])");
            } else if (security.getCapabilities().getAdd() != null && !security.getCapabilities().getAdd().isEmpty()) {
                out.add(at + ": adds capabilities " + security.getCapabilities().getAdd());
            }
            String seccomp = security.getSeccompProfile() != null ? security.getSeccompProfile().getType()
                    : podSecurity.getSeccompProfile() != null ? podSecurity.getSeccompProfile().getType() : null;
            if (!"RuntimeDefault".equals(seccomp) && !"Localhost".equals(seccomp)) {
                out.add(at + ": seccomp profile is not RuntimeDefault");
            }
            String image = Objects.toString(container.getImage(), "");
            String lastSegment = image.substring(image.lastIndexOf('/') + 1);
            if (!image.contains("@sha256:") && (!lastSegment.contains(":") || image.endsWith(":latest"))) {
                out.add(at + ": image " + image + " is not pinned to a tag or digest");
            }
            boolean tmpOnEmptyDir = container.getVolumeMounts() != null && container.getVolumeMounts().stream()
                    .filter(m -> m.getMountPath().equals("/tmp"))
                    .anyMatch(m -> pod.getVolumes().stream().anyMatch(v -> v.getName().equals(m.getName()) && v.getEmptyDir() != null));
            if (!init && !tmpOnEmptyDir) {
                out.add(at + ": /tmp is not an emptyDir (the root filesystem is read-only)");
            }
        }
        return out;
    }
}
