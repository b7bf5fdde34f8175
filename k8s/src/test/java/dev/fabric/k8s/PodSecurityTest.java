package dev.fabric.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every container: probes, requests and limits, non-root, no escalation, read-only root, no capabilities. */
class PodSecurityTest {

    @ParameterizedTest
    @ValueSource(strings = {"overlays/dev", "overlays/prod", "operator"})
    void shouldRunEveryPodUnderTheRestrictedRules(String dir) {
        RenderedManifests rendered = Kustomize.render(dir);

        assertThat(rendered.deployments()).as(dir).isNotEmpty();
        assertThat(rendered.deployments().stream().flatMap(d -> PodSpecChecks.violations(d).stream()))
                .as("%s: pod rules (see PodSpecChecks)", dir).isEmpty();
    }

    @Test
    void shouldNameEveryRuleAnInsecurePodBreaks() {
        Deployment insecure = new DeploymentBuilder()
                .withNewMetadata().withName("careless").endMetadata()
                .withNewSpec().withNewTemplate().withNewSpec()
                .withHostNetwork(true)
                .addNewVolume().withName("host").withNewHostPath().withPath("/var/run").endHostPath().endVolume()
                .addNewContainer().withName("app").withImage("example/app:latest")
                .withNewResources().withRequests(Map.of("cpu", new Quantity("100m"))).endResources()
                .withNewSecurityContext().withPrivileged(true).withRunAsUser(0L).endSecurityContext()
                .endContainer()
                .endSpec().endTemplate().endSpec().build();

        assertThat(PodSpecChecks.violations(insecure)).containsExactlyInAnyOrder(
                "careless: shares a host namespace",
                "careless: hostPath volume host",
                "careless/app: no liveness probe",
                "careless/app: no readiness probe",
                "careless/app: no cpu limit",
                "careless/app: no memory request",
                "careless/app: no memory limit",
                "careless/app: runAsNonRoot is not true",
                "careless/app: runs as uid 0",
                "careless/app: allowPrivilegeEscalation is not false",
                "careless/app: readOnlyRootFilesystem is not true",
                "careless/app: privileged",
                "careless/app: capabilities are not dropped (drop: [ALL])",
                "careless/app: seccomp profile is not RuntimeDefault",
                "careless/app: image example/app:latest is not pinned to a tag or digest",
                "careless/app: /tmp is not an emptyDir (the root filesystem is read-only)");
    }
}
