package dev.fabric.deployer.provisioning.model;

import static dev.fabric.deployer.support.Fixtures.APP;
import static dev.fabric.deployer.support.Fixtures.ME;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fabric.deployer.domain.Capacity;
import dev.fabric.deployer.domain.Workload;
import dev.fabric.deployer.domain.WorkloadKind;
import dev.fabric.deployer.support.Fixtures;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LeaseObjectsModelTest {

    private final LeaseObjectsModel model = new LeaseObjectsModel(new ModelOptions(false, Duration.ofMinutes(5), 3, Fixtures.DEPLOYER_ACCOUNT));

    @Test
    void shouldNameAndLabelTheNamespaceAfterTheBidWithPodSecurityRestricted() {
        DesiredObjects objects = model.render(Fixtures.lease(1));

        String name = objects.namespaceName();
        assertThat(name).matches("fabric-[0-9a-f]{16}").isEqualTo(LeaseNames.namespaceFor(Fixtures.bidRef(1)));
        assertThat(name).isNotEqualTo(LeaseNames.namespaceFor(Fixtures.txId(1) + "#1"));
        assertThat(objects.namespace().getMetadata().getLabels())
                .containsEntry(LeaseNames.MANAGED_BY, ME)
                .containsEntry(LeaseNames.OPERATOR, ME)
                .containsEntry(LeaseNames.APP, APP)
                .containsEntry(LeaseNames.BID, LeaseNames.shortBidId(Fixtures.bidRef(1)))
                .containsEntry("pod-security.kubernetes.io/enforce", "restricted")
                .containsEntry("pod-security.kubernetes.io/audit", "restricted")
                .containsEntry("pod-security.kubernetes.io/warn", "restricted");
        assertThat(objects.namespace().getMetadata().getLabels().values()).allSatisfy(v -> assertThat(v).hasSizeLessThanOrEqualTo(63));
        assertThat(objects.namespace().getMetadata().getAnnotations())
                .containsEntry(LeaseNames.BID_REF, Fixtures.bidRef(1))
                .containsEntry(LeaseNames.LEASE_REF, Fixtures.leaseRef(1));
        assertThat(objects.inNamespace()).allSatisfy(o -> {
            assertThat(o.getMetadata().getNamespace()).isEqualTo(name);
            assertThat(o.getMetadata().getLabels()).containsEntry(LeaseNames.MANAGED_BY, ME);
        });
    }

    @Test
    void shouldBindTheLeaseRoleToTheDeployerFirstAndOnlyInTheLeaseNamespace() {
        DesiredObjects objects = model.render(Fixtures.lease(1));

        assertThat(objects.inNamespace().get(0)).isSameAs(objects.deployerBinding());
        assertThat(objects.deployerBinding().getMetadata().getNamespace()).isEqualTo(objects.namespaceName());
        assertThat(objects.deployerBinding().getMetadata().getName()).isEqualTo(LeaseNames.DEPLOYER_BINDING);
        assertThat(objects.deployerBinding().getRoleRef().getApiGroup()).isEqualTo("rbac.authorization.k8s.io");
        assertThat(objects.deployerBinding().getRoleRef().getKind()).isEqualTo("ClusterRole");
        assertThat(objects.deployerBinding().getRoleRef().getName()).isEqualTo("fabric-deployer-lease");
        assertThat(objects.deployerBinding().getSubjects()).singleElement().satisfies(subject -> {
            assertThat(subject.getKind()).isEqualTo("ServiceAccount");
            assertThat(subject.getNamespace()).isEqualTo("fabric-deployer");
            assertThat(subject.getName()).isEqualTo("fabric-deployer");
        });
    }

    @Test
    void shouldSetQuotaAndLimitsEqualToTheRequest() {
        DesiredObjects objects = model.render(Fixtures.lease(1));

        assertThat(objects.quota().getSpec().getHard()).containsEntry("requests.cpu", new Quantity("2000m"))
                .containsEntry("limits.cpu", new Quantity("2000m"))
                .containsEntry("requests.memory", new Quantity("4096Mi"))
                .containsEntry("limits.memory", new Quantity("4096Mi"))
                .containsEntry("requests.ephemeral-storage", new Quantity("20Gi"))
                .containsEntry("requests.nvidia.com/gpu", new Quantity("0"))
                .containsEntry("pods", new Quantity("2"));
        var container = objects.limits().getSpec().getLimits().get(0);
        assertThat(container.getType()).isEqualTo("Container");
        assertThat(container.getMax()).containsEntry("cpu", new Quantity("2000m")).containsEntry("memory", new Quantity("4096Mi"));
        assertThat(container.getDefault()).containsEntry("cpu", new Quantity("1000m")).containsEntry("memory", new Quantity("2048Mi"));
    }

    @Test
    void shouldDenyAllTrafficExceptIngressToTheDeclaredPorts() {
        List<NetworkPolicy> policies = model.render(Fixtures.lease(1)).networkPolicies();

        assertThat(policies).extracting(p -> p.getMetadata().getName()).containsExactly(LeaseNames.DENY_ALL, LeaseNames.ALLOW_PORTS);
        NetworkPolicy deny = policies.get(0);
        assertThat(deny.getSpec().getPolicyTypes()).containsExactly("Ingress", "Egress");
        assertThat(deny.getSpec().getPodSelector().getMatchLabels()).isNullOrEmpty();
        assertThat(deny.getSpec().getIngress()).isNullOrEmpty();
        assertThat(deny.getSpec().getEgress()).isNullOrEmpty();
        NetworkPolicy ports = policies.get(1);
        assertThat(ports.getSpec().getPolicyTypes()).containsExactly("Ingress");
        assertThat(ports.getSpec().getIngress()).singleElement().satisfies(rule -> {
            assertThat(rule.getFrom()).isNullOrEmpty();
            assertThat(rule.getPorts()).extracting(p -> p.getPort().getIntVal()).containsExactly(8080);
        });
        assertThat(ports.getSpec().getEgress()).isNullOrEmpty();
    }

    @Test
    void shouldOpenDnsEgressOnlyWhenConfigured() {
        Workload noPorts = Fixtures.job();
        assertThat(model.render(Fixtures.lease(1, noPorts)).networkPolicies()).extracting(p -> p.getMetadata().getName())
                .containsExactly(LeaseNames.DENY_ALL);

        LeaseObjectsModel withDns = new LeaseObjectsModel(new ModelOptions(true, Duration.ofMinutes(5), 3, Fixtures.DEPLOYER_ACCOUNT));
        List<NetworkPolicy> policies = withDns.render(Fixtures.lease(1, noPorts)).networkPolicies();

        assertThat(policies).extracting(p -> p.getMetadata().getName()).containsExactly(LeaseNames.DENY_ALL, LeaseNames.ALLOW_DNS);
        assertThat(policies.get(1).getSpec().getEgress()).singleElement().satisfies(rule ->
                assertThat(rule.getPorts()).extracting(p -> p.getProtocol() + "/" + p.getPort().getIntVal()).containsExactly("UDP/53", "TCP/53"));
    }

    @Test
    void shouldGiveTheWorkloadAServiceAccountWithoutToken() {
        DesiredObjects objects = model.render(Fixtures.lease(1));

        assertThat(objects.serviceAccount().getAutomountServiceAccountToken()).isFalse();
        PodSpec pod = ((Deployment) objects.workload()).getSpec().getTemplate().getSpec();
        assertThat(pod.getServiceAccountName()).isEqualTo(objects.serviceAccount().getMetadata().getName());
        assertThat(pod.getAutomountServiceAccountToken()).isFalse();
    }

    @Test
    void shouldRunTheDeploymentAsSpecifiedInARestrictedSandbox() {
        Deployment deployment = (Deployment) model.render(Fixtures.lease(1)).workload();

        assertThat(deployment.getSpec().getReplicas()).isEqualTo(2);
        assertThat(deployment.getSpec().getProgressDeadlineSeconds()).isEqualTo(300);
        PodSpec pod = deployment.getSpec().getTemplate().getSpec();
        assertThat(pod.getHostNetwork()).isNull();
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        Container c = pod.getContainers().get(0);
        assertThat(c.getImage()).isEqualTo("ghcr.io/acme/api:1.4.2");
        assertThat(c.getArgs()).containsExactly("--port", "8080");
        assertThat(c.getCommand()).isNullOrEmpty();
        assertThat(c.getEnv()).extracting(e -> e.getName() + "=" + e.getValue()).containsExactly("LEVEL=info", "MODE=prod");
        assertThat(c.getPorts()).extracting(p -> p.getContainerPort()).containsExactly(8080);
        assertThat(c.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(c.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(c.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
        assertThat(c.getSecurityContext().getPrivileged()).isFalse();
        assertThat(c.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(c.getSecurityContext().getCapabilities().getAdd()).isNullOrEmpty();
        assertThat(c.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        assertThat(c.getResources().getRequests()).isEqualTo(c.getResources().getLimits())
                .containsEntry("cpu", new Quantity("1000m")).containsEntry("memory", new Quantity("2048Mi"))
                .containsEntry("ephemeral-storage", new Quantity("10240Mi"));
        assertThat(c.getVolumeMounts()).extracting(m -> m.getMountPath()).containsExactly("/tmp");
    }

    @Test
    void shouldRunAJobWithParallelismBoundedByTheLease() {
        Job job = (Job) model.render(Fixtures.lease(1, Fixtures.job())).workload();

        assertThat(job.getSpec().getParallelism()).isEqualTo(1);
        assertThat(job.getSpec().getCompletions()).isEqualTo(1);
        assertThat(job.getSpec().getBackoffLimit()).isEqualTo(3);
        assertThat(job.getSpec().getActiveDeadlineSeconds()).isEqualTo(3600);
        PodSpec pod = job.getSpec().getTemplate().getSpec();
        assertThat(pod.getRestartPolicy()).isEqualTo("Never");
        assertThat(pod.getContainers().get(0).getCommand()).containsExactly("/bin/run");
    }

    @Test
    void shouldGiveGpusAndMemoryBackedScratchWhenNoStorageWasBought() {
        Workload gpuJob = Workload.of(WorkloadKind.JOB, "ghcr.io/acme/train:1", List.of(), List.of(), Map.of(), List.of(), 2);
        var lease = new LeaseSpec(Fixtures.bidRef(2), Fixtures.leaseRef(2), APP, ME, new Capacity(4000, 8192, 0, 2),
                Fixtures.T0, Fixtures.T0.plusSeconds(600), gpuJob);

        DesiredObjects objects = model.render(lease);

        PodSpec pod = ((Job) objects.workload()).getSpec().getTemplate().getSpec();
        assertThat(pod.getContainers().get(0).getResources().getLimits()).containsEntry(LeaseObjectsModel.GPU_RESOURCE, new Quantity("1"))
                .doesNotContainKey("ephemeral-storage");
        assertThat(pod.getVolumes().get(0).getEmptyDir().getMedium()).isEqualTo("Memory");
        assertThat(objects.quota().getSpec().getHard()).containsEntry("requests.nvidia.com/gpu", new Quantity("2"))
                .doesNotContainKey("requests.ephemeral-storage");
        assertThat(PodSecurityAdmission.problems(objects.workload(), lease.request())).isEmpty();
    }

    @Test
    void shouldRenderAnAdmissibleWorkload() {
        DesiredObjects objects = model.render(Fixtures.lease(1));

        assertThat(PodSecurityAdmission.problems(objects.workload(), Fixtures.REQUEST)).isEmpty();
    }

    @Test
    void shouldRenderTheSameObjectsForTheSameLease() {
        var a = model.render(Fixtures.lease(1));
        var b = model.render(Fixtures.lease(1));

        for (int i = 0; i < a.inNamespace().size(); i++) {
            assertThat(ContentHash.of(a.inNamespace().get(i))).isEqualTo(ContentHash.of(b.inNamespace().get(i)));
        }
        assertThat(ContentHash.of(a.workload())).isNotEqualTo(ContentHash.of(model.render(Fixtures.lease(1, Fixtures.job())).workload()));
    }

    @Test
    void shouldRecordTheLeaseOnTheNamespaceForRecovery() {
        var spec = Fixtures.lease(1, Fixtures.job());
        var ns = model.render(spec).namespace();

        LeaseRecord.Parsed parsed = LeaseRecord.fromNamespace(ns);

        assertThat(parsed).isEqualTo(new LeaseRecord.Parsed.Valid(LeaseRecord.of(spec, LeasePhase.PROVISIONING)));
    }

    @Test
    void shouldReportANamespaceWhoseLeaseCannotBeRead() {
        var ns = model.render(Fixtures.lease(1)).namespace();
        ns.getMetadata().getAnnotations().remove(LeaseNames.ENDS_AT);

        assertThat(LeaseRecord.fromNamespace(ns)).isInstanceOf(LeaseRecord.Parsed.Unreadable.class)
                .extracting(p -> ((LeaseRecord.Parsed.Unreadable) p).reason()).asString().contains(LeaseNames.ENDS_AT);
    }
}
