package dev.fabric.deployer.provisioning.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fabric.deployer.support.Fixtures;
import io.fabric8.kubernetes.api.model.CapabilitiesBuilder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HostPathVolumeSourceBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SeccompProfileBuilder;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each case weakens one thing in an otherwise admissible rendered Deployment. */
class PodSecurityAdmissionTest {

    private static final LeaseObjectsModel MODEL = new LeaseObjectsModel(new ModelOptions(false, Duration.ofMinutes(5), 3, Fixtures.DEPLOYER_ACCOUNT));

    static Stream<Arguments> weakenings() {
        return Stream.of(
                weaken("privileged container", d -> container(d).getSecurityContext().setPrivileged(true), "is privileged"),
                weaken("hostPath volume", d -> pod(d).getVolumes().add(new VolumeBuilder().withName("host")
                        .withHostPath(new HostPathVolumeSourceBuilder().withPath("/").build()).build()), "hostPath volume 'host'"),
                weaken("hostNetwork", d -> pod(d).setHostNetwork(true), "hostNetwork"),
                weaken("hostPID", d -> pod(d).setHostPID(true), "hostPID"),
                weaken("hostIPC", d -> pod(d).setHostIPC(true), "hostIPC"),
                weaken("added capability", d -> container(d).getSecurityContext().setCapabilities(
                        new CapabilitiesBuilder().withDrop("ALL").withAdd("NET_ADMIN").build()), "adds capabilities"),
                weaken("capabilities kept", d -> container(d).getSecurityContext().setCapabilities(null), "drop ALL"),
                weaken("privilege escalation", d -> container(d).getSecurityContext().setAllowPrivilegeEscalation(true), "allowPrivilegeEscalation"),
                weaken("root allowed", d -> {
                    container(d).getSecurityContext().setRunAsNonRoot(null);
                    pod(d).getSecurityContext().setRunAsNonRoot(null);
                }, "non-root"),
                weaken("user 0", d -> container(d).getSecurityContext().setRunAsUser(0L), "runs as user 0"),
                weaken("unconfined seccomp", d -> container(d).getSecurityContext().setSeccompProfile(
                        new SeccompProfileBuilder().withType("Unconfined").build()), "RuntimeDefault"),
                weaken("writable root filesystem", d -> container(d).getSecurityContext().setReadOnlyRootFilesystem(false), "read-only root"),
                weaken("host port", d -> container(d).getPorts().get(0).setHostPort(8080), "hostPort 8080"),
                weaken("no security context", d -> container(d).setSecurityContext(null), "no securityContext"),
                weaken("more replicas than the request pays for", d -> d.getSpec().setReplicas(3), "resources over the request: cpu"),
                weaken("bigger container than its share", d -> container(d).getResources().getLimits().put("memory", new Quantity("3Gi")),
                        "resources over the request: memory"),
                weaken("no limits", d -> container(d).getResources().setLimits(null), "no cpu/memory limits"));
    }

    static Arguments weaken(String name, Consumer<Deployment> change, String expected) {
        return Arguments.of(name, change, expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("weakenings")
    void shouldRefuseAWeakenedPod(String name, Consumer<Deployment> change, String expected) {
        Deployment deployment = (Deployment) MODEL.render(Fixtures.lease(1)).workload();
        change.accept(deployment);

        List<String> problems = PodSecurityAdmission.problems(deployment, Fixtures.REQUEST);

        assertThat(problems).anySatisfy(p -> assertThat(p).contains(expected));
    }

    private static PodSpec pod(Deployment d) {
        return d.getSpec().getTemplate().getSpec();
    }

    private static Container container(Deployment d) {
        return pod(d).getContainers().get(0);
    }
}
