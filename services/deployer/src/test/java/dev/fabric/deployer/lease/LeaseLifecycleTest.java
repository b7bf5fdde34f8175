package dev.fabric.deployer.lease;

import static dev.fabric.deployer.support.Fixtures.ME;
import static dev.fabric.deployer.support.Fixtures.OTHER_OPERATOR;
import static dev.fabric.deployer.support.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fabric.deployer.adapter.HeadGateway;
import dev.fabric.deployer.domain.Capacity;
import dev.fabric.deployer.domain.CapacityLedger;
import dev.fabric.deployer.domain.DeploymentOutcome;
import dev.fabric.deployer.domain.EndReason;
import dev.fabric.deployer.domain.FailureStage;
import dev.fabric.deployer.domain.Reservation;
import dev.fabric.deployer.domain.Workload;
import dev.fabric.deployer.domain.WorkloadKind;
import dev.fabric.deployer.provisioning.LeaseReconciler;
import dev.fabric.deployer.provisioning.MockCluster;
import dev.fabric.deployer.provisioning.model.LeaseNames;
import dev.fabric.deployer.provisioning.model.LeaseObjectsModel;
import dev.fabric.deployer.provisioning.model.LeasePhase;
import dev.fabric.deployer.provisioning.model.LeaseSpec;
import dev.fabric.deployer.provisioning.model.ModelOptions;
import dev.fabric.deployer.support.Fixtures;
import dev.fabric.deployer.support.InMemoryHeadGateway;
import dev.fabric.deployer.support.MutableClock;
import dev.fabric.deployer.support.RecordingEventSink;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class LeaseLifecycleTest {

    private static final Duration DEPLOY_DEADLINE = Duration.ofMinutes(5);
    private static final OwnReports NOTHING_REPORTED = (bids, since) -> new OwnReports.Found(Set.of(), Set.of());

    KubernetesClient client;
    KubernetesMockServer server;

    private final MutableClock clock = new MutableClock(T0.plusSeconds(1));
    private final RecordingEventSink events = new RecordingEventSink();
    private final InMemoryHeadGateway head = new InMemoryHeadGateway();
    private CapacityLedger ledger;
    private LeaseLifecycle lifecycle;

    @BeforeEach
    void setUp() {
        ledger = new CapacityLedger();
        lifecycle = newLifecycle(ledger, new LeaseBook());
    }

    private LeaseLifecycle newLifecycle(CapacityLedger ledger, LeaseBook book) {
        return new LeaseLifecycle(new LeaseObjectsModel(new ModelOptions(false, DEPLOY_DEADLINE, 3, Fixtures.DEPLOYER_ACCOUNT)), new LeaseReconciler(client, ME), ledger, book,
                events, Optional.of(head), Fixtures.RULES, new LeaseTiming(DEPLOY_DEADLINE, Duration.ofMinutes(10)), clock);
    }

    @Test
    void shouldProvisionAConfirmedLeaseAndHoldItsCapacity() {
        List<DeploymentOutcome> out = lifecycle.provision(Fixtures.lease(1), Optional.of("cause"));

        String ns = LeaseNames.namespaceFor(Fixtures.bidRef(1));
        assertThat(out).containsExactly(new DeploymentOutcome.Provisioning(Fixtures.bidRef(1), Fixtures.leaseRef(1), ns));
        assertThat(events.published()).isEqualTo(out);
        assertThat(client.apps().deployments().inNamespace(ns).withName(LeaseNames.WORKLOAD).get()).isNotNull();
        assertThat(ledger.find(Fixtures.bidRef(1))).get().extracting(Reservation::hold).isEqualTo(Reservation.Hold.LEASE);
        assertThat(lifecycle.leases()).singleElement().extracting(l -> l.phase()).isEqualTo(LeasePhase.PROVISIONING);
    }

    @Test
    void shouldFailValidationWithoutCreatingAnything() {
        Workload privileged = Workload.of(WorkloadKind.DEPLOYMENT, "ghcr.io/acme/api:1", List.of(), List.of(), Map.of(), List.of(443), 1);
        ledger.reserve(Fixtures.bidRef(1), Fixtures.REQUEST, Reservation.Hold.OFFER, T0.plusSeconds(600), new Capacity(8000, 16384, 100, 0), clock.instant());

        List<DeploymentOutcome> out = lifecycle.provision(Fixtures.lease(1, privileged), Optional.empty());

        assertThat(out).singleElement().isInstanceOfSatisfying(DeploymentOutcome.Failed.class, f -> {
            assertThat(f.stage()).isEqualTo(FailureStage.VALIDATION);
            assertThat(f.namespace()).isEmpty();
            assertThat(f.reason()).contains("port 443 is privileged");
        });
        assertThat(client.namespaces().list().getItems()).isEmpty();
        assertThat(ledger.find(Fixtures.bidRef(1))).isEmpty();
    }

    @Test
    void shouldReportRunningOnceTheDeploymentIsReadyAndOnlyOnce() {
        lifecycle.provision(Fixtures.lease(1), Optional.empty());
        String ns = LeaseNames.namespaceFor(Fixtures.bidRef(1));
        assertThat(lifecycle.sweep()).isEmpty();

        MockCluster.deploymentStatus(client, ns, new DeploymentStatusBuilder().withReadyReplicas(2).build());
        List<DeploymentOutcome> out = lifecycle.sweep();

        assertThat(out).containsExactly(new DeploymentOutcome.Running(Fixtures.bidRef(1), Fixtures.leaseRef(1), ns, 2));
        assertThat(client.namespaces().withName(ns).get().getMetadata().getAnnotations()).containsEntry(LeaseNames.PHASE, "RUNNING");
        assertThat(lifecycle.sweep()).isEmpty();
    }

    @Test
    void shouldPollOnlyTheLeasesStillRollingOut() {
        lifecycle.provision(Fixtures.lease(1), Optional.empty());
        lifecycle.provision(Fixtures.lease(2), Optional.empty());
        String first = LeaseNames.namespaceFor(Fixtures.bidRef(1));
        String second = LeaseNames.namespaceFor(Fixtures.bidRef(2));
        assertThat(lifecycle.advanceRollouts()).isEmpty();

        MockCluster.deploymentStatus(client, first, new DeploymentStatusBuilder().withReadyReplicas(2).build());
        assertThat(lifecycle.advanceRollouts()).containsExactly(new DeploymentOutcome.Running(Fixtures.bidRef(1), Fixtures.leaseRef(1), first, 2));

        // a running lease is the sweep's: losing its workload is not seen by the rollout poll
        client.apps().deployments().inNamespace(first).withName(LeaseNames.WORKLOAD).delete();
        MockCluster.deploymentStatus(client, second, new DeploymentStatusBuilder().withReadyReplicas(2).build());
        assertThat(lifecycle.advanceRollouts()).containsExactly(new DeploymentOutcome.Running(Fixtures.bidRef(2), Fixtures.leaseRef(2), second, 2));
        assertThat(lifecycle.advanceRollouts()).isEmpty();
        assertThat(lifecycle.sweep()).first().isInstanceOfSatisfying(DeploymentOutcome.Failed.class,
                f -> assertThat(f.reason()).contains("disappeared"));
    }

    @Test
    void shouldFailAndTearDownWhatIsNotReadyByTheDeployDeadline() {
        lifecycle.provision(Fixtures.lease(1), Optional.empty());
        String ns = LeaseNames.namespaceFor(Fixtures.bidRef(1));
        MockCluster.deploymentStatus(client, ns, new DeploymentStatusBuilder().withReadyReplicas(1).build());

        clock.set(T0.plus(DEPLOY_DEADLINE));
        List<DeploymentOutcome> out = lifecycle.sweep();

        assertThat(out).hasSize(2);
        assertThat(out.get(0)).isInstanceOfSatisfying(DeploymentOutcome.Failed.class, f -> {
            assertThat(f.stage()).isEqualTo(FailureStage.ROLLOUT);
            assertThat(f.reason()).contains("1/2 replicas ready");
            assertThat(f.namespace()).contains(ns);
        });
        assertThat(out.get(1)).isEqualTo(new DeploymentOutcome.Terminated(Fixtures.bidRef(1), Fixtures.leaseRef(1), ns, EndReason.FAILED));
        assertThat(client.namespaces().withName(ns).get()).isNull();
        assertThat(ledger.find(Fixtures.bidRef(1))).isEmpty();
        assertThat(lifecycle.leases()).isEmpty();
        assertThat(head.claims()).isEmpty();
    }

    @Test
    void shouldNotProvisionAgainALeaseThatFailedWhenItsConfirmationIsRepeated() {
        lifecycle.provision(Fixtures.lease(1), Optional.empty());
        String ns = LeaseNames.namespaceFor(Fixtures.bidRef(1));
        clock.set(T0.plus(DEPLOY_DEADLINE));
        lifecycle.sweep();
        int published = events.published().size();

        assertThat(lifecycle.provision(Fixtures.lease(1), Optional.of("repeated-confirmation"))).isEmpty();
        assertThat(lifecycle.sweep()).isEmpty();

        assertThat(client.namespaces().withName(ns).get()).isNull();
        assertThat(events.published()).hasSize(published);
        assertThat(ledger.find(Fixtures.bidRef(1))).isEmpty();
    }

    @Test
    void shouldNotProvisionAgainALeaseThatWasRefunded() {
        lifecycle.provision(Fixtures.lease(1), Optional.empty());
        lifecycle.onRefunded(Fixtures.leaseRef(1));

        assertThat(lifecycle.provision(Fixtures.lease(1), Optional.empty())).isEmpty();
        assertThat(client.namespaces().withName(LeaseNames.namespaceFor(Fixtures.bidRef(1))).get()).isNull();
        assertThat(ledger.find(Fixtures.bidRef(1))).isEmpty();
    }

    @Test
    void shouldFailAsSoonAsTheControllerGivesUp() {
        lifecycle.provision(Fixtures.lease(1), Optional.empty());
        String ns = LeaseNames.namespaceFor(Fixtures.bidRef(1));
        MockCluster.deploymentStatus(client, ns, new DeploymentStatusBuilder().withConditions(new DeploymentConditionBuilder()
                .withType("Progressing").withStatus("False").withReason("ProgressDeadlineExceeded").withMessage("timed out").build()).build());

        List<DeploymentOutcome> out = lifecycle.sweep();

        assertThat(out).first().isInstanceOfSatisfying(DeploymentOutcome.Failed.class, f -> assertThat(f.reason()).contains("timed out"));
        assertThat(client.namespaces().withName(ns).get()).isNull();
    }

    @Test
    void shouldReportARuntimeFailureOfARunningJob() {
        lifecycle.provision(Fixtures.lease(1, Fixtures.job()), Optional.empty());
        String ns = LeaseNames.namespaceFor(Fixtures.bidRef(1));
        MockCluster.jobStatus(client, ns, new JobStatusBuilder().withActive(1).withReady(1).build());
        assertThat(lifecycle.sweep()).singleElement().isInstanceOf(DeploymentOutcome.Running.class);

        MockCluster.jobStatus(client, ns, new JobStatusBuilder().withFailed(4).withConditions(new JobConditionBuilder()
                .withType("Failed").withStatus("True").withReason("BackoffLimitExceeded").build()).build());
        List<DeploymentOutcome> out = lifecycle.sweep();

        assertThat(out).extracting(o -> o.getClass().getSimpleName()).containsExactly("Failed", "Terminated");
        assertThat(((DeploymentOutcome.Failed) out.get(0)).stage()).isEqualTo(FailureStage.RUNTIME);
    }

    @Test
    void shouldTearDownAndClaimAtLeaseEnd() {
        lifecycle.provision(Fixtures.lease(1), Optional.empty());
        String ns = LeaseNames.namespaceFor(Fixtures.bidRef(1));
        MockCluster.deploymentStatus(client, ns, new DeploymentStatusBuilder().withReadyReplicas(2).build());
        lifecycle.sweep();

        clock.set(T0.plusSeconds(3600));
        List<DeploymentOutcome> out = lifecycle.sweep();

        assertThat(out).containsExactly(new DeploymentOutcome.Terminated(Fixtures.bidRef(1), Fixtures.leaseRef(1), ns, EndReason.LEASE_ENDED));
        assertThat(client.namespaces().withName(ns).get()).isNull();
        assertThat(ledger.find(Fixtures.bidRef(1))).isEmpty();
        assertThat(head.claims()).containsExactly(new HeadGateway.ClaimTx(Fixtures.bidRef(1), Fixtures.leaseRef(1), T0.plusSeconds(3600)));
    }

    @Test
    void shouldRetryAClaimTheHeadDidNotAnswer() {
        lifecycle.provision(Fixtures.lease(1), Optional.empty());
        head.next(InMemoryHeadGateway.Op.CLAIM, new HeadGateway.SubmitResult.Unavailable("head closed"));
        clock.set(T0.plusSeconds(3600));
        lifecycle.sweep();
        assertThat(lifecycle.pendingClaims()).hasSize(1);

        lifecycle.sweep();

        assertThat(head.claims()).hasSize(2);
        assertThat(lifecycle.pendingClaims()).isEmpty();
    }

    @Test
    void shouldStopTheWorkloadWhenTheLeaseIsRefunded() {
        lifecycle.provision(Fixtures.lease(1), Optional.empty());

        List<DeploymentOutcome> out = lifecycle.onRefunded(Fixtures.leaseRef(1));

        assertThat(out).singleElement().isInstanceOfSatisfying(DeploymentOutcome.Terminated.class,
                t -> assertThat(t.reason()).isEqualTo(EndReason.REFUNDED));
        assertThat(ledger.find(Fixtures.bidRef(1))).isEmpty();
        assertThat(head.claims()).isEmpty();
        assertThat(lifecycle.onRefunded(Fixtures.leaseRef(1))).isEmpty();
    }

    @Test
    void shouldFinishARefundTeardownTheApiServerRefusedOnTheNextSweep() {
        lifecycle.provision(Fixtures.lease(1), Optional.empty());
        String ns = LeaseNames.namespaceFor(Fixtures.bidRef(1));
        server.expect().delete().withPath("/api/v1/namespaces/" + ns).andReturn(403, "{}").once();

        assertThat(lifecycle.onRefunded(Fixtures.leaseRef(1))).isEmpty();
        assertThat(client.namespaces().withName(ns).get()).isNotNull();

        List<DeploymentOutcome> out = lifecycle.sweep();

        assertThat(out).singleElement().isInstanceOfSatisfying(DeploymentOutcome.Terminated.class,
                t -> assertThat(t.reason()).isEqualTo(EndReason.REFUNDED));
        assertThat(client.namespaces().withName(ns).get()).isNull();
        assertThat(ledger.find(Fixtures.bidRef(1))).isEmpty();
        assertThat(head.claims()).isEmpty();
    }

    @Test
    void shouldEndTheLeaseWhenAnEarlyClaimIsConfirmed() {
        lifecycle.provision(Fixtures.lease(1, Fixtures.job()), Optional.empty());

        List<DeploymentOutcome> out = lifecycle.onClaimed(Fixtures.bidRef(1), Fixtures.leaseRef(1));

        assertThat(out).singleElement().isInstanceOfSatisfying(DeploymentOutcome.Terminated.class,
                t -> assertThat(t.reason()).isEqualTo(EndReason.LEASE_ENDED));
        assertThat(head.claims()).isEmpty();
    }

    @Test
    void shouldNotRecreateALeaseThatAlreadyEnded() {
        clock.set(T0.plusSeconds(3600));
        ledger.holdLease(Fixtures.bidRef(1), Fixtures.REQUEST, T0.plusSeconds(4000));

        assertThat(lifecycle.provision(Fixtures.lease(1), Optional.empty())).isEmpty();

        assertThat(client.namespaces().list().getItems()).isEmpty();
        assertThat(ledger.find(Fixtures.bidRef(1))).isEmpty();
    }

    @Test
    void shouldFailProvisioningWhenTheNamespaceBelongsToSomeoneElse() {
        MockCluster.foreignNamespace(client, LeaseNames.namespaceFor(Fixtures.bidRef(1)), Map.of(LeaseNames.MANAGED_BY, OTHER_OPERATOR), Map.of());

        List<DeploymentOutcome> out = lifecycle.provision(Fixtures.lease(1), Optional.empty());

        assertThat(out).singleElement().isInstanceOfSatisfying(DeploymentOutcome.Failed.class, f -> {
            assertThat(f.stage()).isEqualTo(FailureStage.PROVISIONING);
            assertThat(f.reason()).contains("not labelled");
        });
        assertThat(ledger.find(Fixtures.bidRef(1))).isEmpty();
        assertThat(client.namespaces().withName(LeaseNames.namespaceFor(Fixtures.bidRef(1))).get()).isNotNull();
    }

    @Test
    void shouldReportAndCleanUpWhenProvisioningIsGivenUp() {
        LeaseSpec lease = Fixtures.lease(1);
        lifecycle.provision(lease, Optional.empty());
        events.clear();

        List<DeploymentOutcome> out = lifecycle.provisioningFailed(lease, "Kubernetes API: 503", Optional.empty());

        assertThat(out).extracting(o -> o.getClass().getSimpleName()).containsExactly("Failed", "Terminated");
        assertThat(client.namespaces().list().getItems()).isEmpty();
        assertThat(ledger.find(Fixtures.bidRef(1))).isEmpty();
    }

    @Test
    void shouldRecoverLeasesAndHoldsFromTheClusterAfterACrash() {
        lifecycle.provision(Fixtures.lease(1), Optional.empty());
        lifecycle.provision(Fixtures.lease(2, Fixtures.job()), Optional.empty());
        String running = LeaseNames.namespaceFor(Fixtures.bidRef(1));
        MockCluster.deploymentStatus(client, running, new DeploymentStatusBuilder().withReadyReplicas(2).build());
        lifecycle.sweep();
        MockCluster.foreignNamespace(client, "fabric-foreign", Map.of(LeaseNames.MANAGED_BY, OTHER_OPERATOR), Map.of());
        MockCluster.foreignNamespace(client, "fabric-garbled", Map.of(LeaseNames.MANAGED_BY, ME), Map.of(LeaseNames.BID_REF, "x#0"));
        events.clear();

        // A new process: empty ledger and book, same cluster.
        CapacityLedger freshLedger = new CapacityLedger();
        LeaseLifecycle restarted = newLifecycle(freshLedger, new LeaseBook());
        assertThat(restarted.recovered()).isFalse();
        RecoveryReport report = restarted.recover(NOTHING_REPORTED);

        assertThat(restarted.recovered()).isTrue();
        assertThat(report.leases()).isEqualTo(2);
        assertThat(report.unreadable()).singleElement().asString().startsWith("fabric-garbled");
        assertThat(freshLedger.snapshot(new Capacity(100_000, 100_000, 1000, 0), clock.instant()).reserved())
                .isEqualTo(Fixtures.REQUEST.plus(Fixtures.REQUEST));
        assertThat(restarted.leases()).extracting(l -> l.phase()).containsExactlyInAnyOrder(LeasePhase.RUNNING, LeasePhase.PROVISIONING);
        // The running lease is not reported again; at lease end both are torn down and released.
        assertThat(restarted.sweep()).isEmpty();
        clock.set(T0.plusSeconds(3600));
        assertThat(restarted.sweep()).extracting(o -> o.getClass().getSimpleName()).containsExactly("Terminated", "Terminated");
        assertThat(freshLedger.snapshot(new Capacity(100_000, 100_000, 1000, 0), clock.instant()).reserved()).isEqualTo(Capacity.ZERO);
        assertThat(client.namespaces().withName("fabric-foreign").get()).isNotNull();
        assertThat(client.namespaces().withName("fabric-garbled").get()).isNotNull();
    }

    @Test
    void shouldNotReportRunningAgainWhenTheCrashCameBetweenTheReportAndItsRecord() {
        lifecycle.provision(Fixtures.lease(1), Optional.empty());
        String ns = LeaseNames.namespaceFor(Fixtures.bidRef(1));
        MockCluster.deploymentStatus(client, ns, new DeploymentStatusBuilder().withReadyReplicas(2).build());
        events.clear();

        // The earlier run published Running and died before recording the phase: the namespace says PROVISIONING.
        List<Instant> asked = new ArrayList<>();
        LeaseLifecycle restarted = newLifecycle(new CapacityLedger(), new LeaseBook());
        restarted.recover((bids, since) -> {
            asked.add(since);
            return new OwnReports.Found(bids, Set.of());
        });

        assertThat(asked).containsExactly(Fixtures.lease(1).startAt().minus(DEPLOY_DEADLINE));
        assertThat(restarted.leases()).singleElement().extracting(l -> l.phase()).isEqualTo(LeasePhase.RUNNING);
        assertThat(restarted.advanceRollouts()).isEmpty();
        assertThat(restarted.sweep()).isEmpty();
        assertThat(events.published()).isEmpty();
        // recorded in the cluster too: a further restart reads RUNNING without asking
        LeaseLifecycle again = newLifecycle(new CapacityLedger(), new LeaseBook());
        again.recover(NOTHING_REPORTED);
        assertThat(again.leases()).singleElement().extracting(l -> l.phase()).isEqualTo(LeasePhase.RUNNING);
    }

    @Test
    void shouldTearDownWithoutReportingTheFailureAgainWhenTheCrashCameBeforeTheTeardown() {
        lifecycle.provision(Fixtures.lease(1), Optional.empty());
        events.clear();

        CapacityLedger freshLedger = new CapacityLedger();
        LeaseLifecycle restarted = newLifecycle(freshLedger, new LeaseBook());
        restarted.recover((bids, since) -> new OwnReports.Found(Set.of(), bids));
        List<DeploymentOutcome> out = restarted.sweep();

        assertThat(out).singleElement().isInstanceOfSatisfying(DeploymentOutcome.Terminated.class,
                t -> assertThat(t.reason()).isEqualTo(EndReason.FAILED));
        assertThat(events.published()).isEqualTo(out);
        assertThat(client.namespaces().list().getItems()).isEmpty();
        assertThat(freshLedger.find(Fixtures.bidRef(1))).isEmpty();
        // a repeated confirmation of the failed lease does not bring it back
        assertThat(restarted.knows(Fixtures.bidRef(1), Fixtures.leaseRef(1))).isTrue();
    }

    @Test
    void shouldStayUnrecoveredWhileItsReportsCannotBeRead() {
        lifecycle.provision(Fixtures.lease(1), Optional.empty());
        CapacityLedger freshLedger = new CapacityLedger();
        LeaseLifecycle restarted = newLifecycle(freshLedger, new LeaseBook());

        assertThatThrownBy(() -> restarted.recover((bids, since) -> {
            throw new IllegalStateException("fabric.deployments not readable");
        })).hasMessageContaining("not readable");

        assertThat(restarted.recovered()).isFalse();
        assertThat(restarted.leases()).isEmpty();
        assertThat(freshLedger.find(Fixtures.bidRef(1))).isEmpty();
        restarted.recover(NOTHING_REPORTED);
        assertThat(restarted.leases()).hasSize(1);
    }
}
