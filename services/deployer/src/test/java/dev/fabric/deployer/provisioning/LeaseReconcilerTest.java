package dev.fabric.deployer.provisioning;

import static dev.fabric.deployer.support.Fixtures.ME;
import static dev.fabric.deployer.support.Fixtures.OTHER_OPERATOR;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fabric.deployer.domain.WorkloadKind;
import dev.fabric.deployer.provisioning.model.DesiredObjects;
import dev.fabric.deployer.provisioning.model.LeaseNames;
import dev.fabric.deployer.provisioning.model.LeaseObjectsModel;
import dev.fabric.deployer.provisioning.model.LeasePhase;
import dev.fabric.deployer.provisioning.model.LeaseRecord;
import dev.fabric.deployer.provisioning.model.ModelOptions;
import dev.fabric.deployer.provisioning.model.Rollout;
import dev.fabric.deployer.support.Fixtures;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

@EnableKubernetesMockClient(crud = true)
class LeaseReconcilerTest {

    KubernetesClient client;

    private final LeaseObjectsModel model = new LeaseObjectsModel(new ModelOptions(false, Duration.ofMinutes(5), 3, Fixtures.DEPLOYER_ACCOUNT));

    private LeaseReconciler reconciler() {
        return new LeaseReconciler(client, ME);
    }

    @Test
    void shouldCreateTheNamespaceAndEveryObjectInIt() {
        DesiredObjects desired = model.render(Fixtures.lease(1));

        ApplyResult result = reconciler().apply(desired);

        assertThat(result).isInstanceOf(ApplyResult.Applied.class);
        assertThat(((ApplyResult.Applied) result).changed()).hasSize(1 + desired.inNamespace().size());
        assertExactlyTheDesiredObjects(desired);
    }

    @Test
    void shouldChangeNothingWhenAppliedAgain() {
        DesiredObjects desired = model.render(Fixtures.lease(1));
        reconciler().apply(desired);
        Map<String, String> versions = resourceVersions(desired);

        ApplyResult again = reconciler().apply(desired);

        assertThat(((ApplyResult.Applied) again).changed()).isEmpty();
        assertThat(resourceVersions(desired)).isEqualTo(versions);
    }

    /** Namespace, deployer binding, quota, limits, two network policies, service account, workload. */
    static Stream<Integer> crashPoints() {
        return IntStream.rangeClosed(1, 8).boxed();
    }

    /** A run that crashed after {@code done} steps left those objects (written without the desired hash); a new run converges. */
    @ParameterizedTest(name = "crash after step {0}")
    @MethodSource("crashPoints")
    void shouldConvergeAfterACrashAtAnyStep(int done) {
        DesiredObjects desired = model.render(Fixtures.lease(1));
        List<HasMetadata> steps = new java.util.ArrayList<>();
        steps.add(desired.namespace());
        steps.addAll(desired.inNamespace());
        steps.stream().limit(done).forEach(o -> client.resource(o).create());

        ApplyResult result = reconciler().apply(desired);
        ApplyResult again = reconciler().apply(desired);

        assertThat(result).isInstanceOf(ApplyResult.Applied.class);
        assertThat(((ApplyResult.Applied) again).changed()).isEmpty();
        assertExactlyTheDesiredObjects(desired);
    }

    @Test
    void shouldBindTheLeaseRoleToTheDeployerInsideTheNamespaceItCreated() {
        DesiredObjects desired = model.render(Fixtures.lease(1));

        ApplyResult result = reconciler().apply(desired);

        // Right after the namespace: with real RBAC nothing else could be written there before it.
        assertThat(((ApplyResult.Applied) result).changed()).startsWith("Namespace/" + desired.namespaceName(),
                "RoleBinding/" + LeaseNames.DEPLOYER_BINDING);
        assertThat(client.rbac().roleBindings().inAnyNamespace().list().getItems()).singleElement().satisfies(binding -> {
            assertThat(binding.getMetadata().getNamespace()).isEqualTo(desired.namespaceName());
            assertThat(binding.getRoleRef().getKind()).isEqualTo("ClusterRole");
            assertThat(binding.getRoleRef().getName()).isEqualTo(LeaseNames.LEASE_ROLE);
            assertThat(binding.getSubjects()).singleElement().satisfies(subject -> {
                assertThat(subject.getKind()).isEqualTo("ServiceAccount");
                assertThat(subject.getNamespace()).isEqualTo(Fixtures.DEPLOYER_ACCOUNT.namespace());
                assertThat(subject.getName()).isEqualTo(Fixtures.DEPLOYER_ACCOUNT.name());
            });
        });
        assertThat(client.rbac().clusterRoleBindings().list().getItems()).isEmpty();
    }

    @Test
    void shouldRestoreADriftedBindingSubject() {
        DesiredObjects desired = model.render(Fixtures.lease(1));
        reconciler().apply(desired);
        client.rbac().roleBindings().inNamespace(desired.namespaceName()).withName(LeaseNames.DEPLOYER_BINDING).edit(b -> {
            b.getSubjects().get(0).setName("someone-else");
            b.getMetadata().getAnnotations().remove(LeaseNames.DESIRED_HASH);
            return b;
        });

        ApplyResult result = reconciler().apply(desired);

        assertThat(((ApplyResult.Applied) result).changed()).containsExactly("RoleBinding/" + LeaseNames.DEPLOYER_BINDING);
        assertThat(client.rbac().roleBindings().inNamespace(desired.namespaceName()).withName(LeaseNames.DEPLOYER_BINDING).get()
                .getSubjects()).singleElement().satisfies(s -> assertThat(s.getName()).isEqualTo(Fixtures.DEPLOYER_ACCOUNT.name()));
    }

    @Test
    void shouldRestoreADriftedQuota() {
        DesiredObjects desired = model.render(Fixtures.lease(1));
        reconciler().apply(desired);
        String ns = desired.namespaceName();
        client.resourceQuotas().inNamespace(ns).withName(LeaseNames.QUOTA).edit(q -> {
            q.getSpec().getHard().put("limits.cpu", new Quantity("64"));
            q.getMetadata().getAnnotations().remove(LeaseNames.DESIRED_HASH);
            return q;
        });

        ApplyResult result = reconciler().apply(desired);

        assertThat(((ApplyResult.Applied) result).changed()).containsExactly("ResourceQuota/" + LeaseNames.QUOTA);
        assertThat(client.resourceQuotas().inNamespace(ns).withName(LeaseNames.QUOTA).get().getSpec().getHard())
                .containsEntry("limits.cpu", new Quantity("2000m"));
    }

    @Test
    void shouldReplaceAJobThatDrifted() {
        DesiredObjects first = model.render(Fixtures.lease(1, Fixtures.job()));
        reconciler().apply(first);
        var changedJob = Fixtures.job();
        DesiredObjects second = model.render(new dev.fabric.deployer.provisioning.model.LeaseSpec(Fixtures.bidRef(1), Fixtures.leaseRef(1),
                Fixtures.APP, ME, Fixtures.REQUEST, Fixtures.T0, Fixtures.T0.plusSeconds(3600),
                dev.fabric.deployer.domain.Workload.of(changedJob.kind(), "ghcr.io/acme/batch:2.1", changedJob.command(), changedJob.args(),
                        changedJob.env(), changedJob.ports(), changedJob.replicas())));

        reconciler().apply(second);

        List<Job> jobs = client.batch().v1().jobs().inNamespace(second.namespaceName()).list().getItems();
        assertThat(jobs).singleElement().satisfies(j ->
                assertThat(j.getSpec().getTemplate().getSpec().getContainers().get(0).getImage()).isEqualTo("ghcr.io/acme/batch:2.1"));
    }

    @Test
    void shouldNotTouchANamespaceOfAnotherOperator() {
        DesiredObjects desired = model.render(Fixtures.lease(1));
        MockCluster.foreignNamespace(client, desired.namespaceName(), Map.of(LeaseNames.MANAGED_BY, OTHER_OPERATOR, "team", "blue"), Map.of());

        ApplyResult result = reconciler().apply(desired);

        assertThat(result).isInstanceOf(ApplyResult.NotOwned.class);
        Namespace ns = client.namespaces().withName(desired.namespaceName()).get();
        assertThat(ns.getMetadata().getLabels()).containsOnly(Map.entry(LeaseNames.MANAGED_BY, OTHER_OPERATOR), Map.entry("team", "blue"));
        assertThat(client.resourceQuotas().inNamespace(desired.namespaceName()).list().getItems()).isEmpty();
        assertThat(client.apps().deployments().inNamespace(desired.namespaceName()).list().getItems()).isEmpty();
        assertThat(client.rbac().roleBindings().inNamespace(desired.namespaceName()).list().getItems())
                .as("no binding in a namespace it does not own").isEmpty();
        assertThat(reconciler().teardown(desired.namespaceName(), Fixtures.bidRef(1))).isEqualTo(TeardownResult.NOT_OWNED);
        assertThat(client.namespaces().withName(desired.namespaceName()).get()).isNotNull();
    }

    @Test
    void shouldNotTouchAnUnlabelledNamespaceOrOneOfAnotherBid() {
        DesiredObjects desired = model.render(Fixtures.lease(1));
        MockCluster.foreignNamespace(client, desired.namespaceName(), Map.of(LeaseNames.MANAGED_BY, ME), Map.of(LeaseNames.BID_REF, Fixtures.bidRef(99)));

        assertThat(reconciler().apply(desired)).isInstanceOf(ApplyResult.NotOwned.class)
                .extracting(r -> ((ApplyResult.NotOwned) r).reason()).asString().contains("belongs to bid " + Fixtures.bidRef(99));
        assertThat(reconciler().teardown(desired.namespaceName(), Fixtures.bidRef(1))).isEqualTo(TeardownResult.NOT_OWNED);
        assertThat(client.namespaces().withName(desired.namespaceName()).get()).isNotNull();
    }

    @Test
    void shouldDeleteItsNamespaceOnTeardownAndBeIdempotent() {
        DesiredObjects desired = model.render(Fixtures.lease(1));
        reconciler().apply(desired);

        assertThat(reconciler().teardown(desired.namespaceName(), Fixtures.bidRef(1))).isEqualTo(TeardownResult.DELETED);
        assertThat(client.namespaces().withName(desired.namespaceName()).get()).isNull();
        assertThat(reconciler().teardown(desired.namespaceName(), Fixtures.bidRef(1))).isEqualTo(TeardownResult.ABSENT);
    }

    @Test
    void shouldListOnlyItsOwnLeases() {
        reconciler().apply(model.render(Fixtures.lease(1)));
        reconciler().apply(model.render(Fixtures.lease(2, Fixtures.job())));
        MockCluster.foreignNamespace(client, "fabric-foreign", Map.of(LeaseNames.MANAGED_BY, OTHER_OPERATOR), Map.of());
        MockCluster.foreignNamespace(client, "default-ish", Map.of(), Map.of());

        List<LeaseRecord.Parsed> owned = reconciler().ownedLeases();

        assertThat(owned).extracting(p -> ((LeaseRecord.Parsed.Valid) p).lease().bidRef())
                .containsExactlyInAnyOrder(Fixtures.bidRef(1), Fixtures.bidRef(2));
    }

    @Test
    void shouldKeepTheRecordedPhaseWhenReapplied() {
        DesiredObjects desired = model.render(Fixtures.lease(1));
        reconciler().apply(desired);
        reconciler().recordPhase(desired.namespaceName(), Fixtures.bidRef(1), LeasePhase.RUNNING);

        reconciler().apply(desired);

        assertThat(client.namespaces().withName(desired.namespaceName()).get().getMetadata().getAnnotations())
                .containsEntry(LeaseNames.PHASE, "RUNNING");
    }

    @Test
    void shouldReadTheRolloutFromTheWorkloadStatus() {
        DesiredObjects desired = model.render(Fixtures.lease(1));
        reconciler().apply(desired);
        assertThat(reconciler().rollout(desired.namespaceName(), WorkloadKind.DEPLOYMENT)).isInstanceOf(Rollout.Pending.class);

        MockCluster.deploymentStatus(client, desired.namespaceName(), new DeploymentStatusBuilder().withReadyReplicas(2).build());

        assertThat(reconciler().rollout(desired.namespaceName(), WorkloadKind.DEPLOYMENT)).isEqualTo(new Rollout.Ready(2));
        assertThat(reconciler().rollout("fabric-nowhere", WorkloadKind.JOB)).isInstanceOf(Rollout.Missing.class);
    }

    private void assertExactlyTheDesiredObjects(DesiredObjects desired) {
        String ns = desired.namespaceName();
        assertThat(client.namespaces().withLabel(LeaseNames.MANAGED_BY, ME).list().getItems()).hasSize(1);
        assertThat(client.rbac().roleBindings().inNamespace(ns).list().getItems()).hasSize(1);
        assertThat(client.resourceQuotas().inNamespace(ns).list().getItems()).hasSize(1);
        assertThat(client.limitRanges().inNamespace(ns).list().getItems()).hasSize(1);
        assertThat(client.network().v1().networkPolicies().inNamespace(ns).list().getItems()).extracting(p -> p.getMetadata().getName())
                .containsExactlyInAnyOrder(LeaseNames.DENY_ALL, LeaseNames.ALLOW_PORTS);
        assertThat(client.serviceAccounts().inNamespace(ns).list().getItems()).hasSize(1);
        assertThat(client.apps().deployments().inNamespace(ns).list().getItems()).singleElement()
                .satisfies(d -> assertThat(d.getSpec().getTemplate().getSpec().getContainers().get(0).getSecurityContext().getRunAsNonRoot()).isTrue());
        assertThat(client.namespaces().withName(ns).get().getMetadata().getLabels()).containsAllEntriesOf(desired.namespace().getMetadata().getLabels());
    }

    private Map<String, String> resourceVersions(DesiredObjects desired) {
        Map<String, String> versions = new java.util.TreeMap<>();
        versions.put("ns", client.namespaces().withName(desired.namespaceName()).get().getMetadata().getResourceVersion());
        for (HasMetadata o : desired.inNamespace()) {
            versions.put(o.getKind() + "/" + o.getMetadata().getName(),
                    client.resource(o).inNamespace(desired.namespaceName()).get().getMetadata().getResourceVersion());
        }
        return versions;
    }
}
