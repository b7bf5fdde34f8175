package dev.fabric.deployer.provisioning.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RolloutStatusTest {

    static Deployment deployment(int replicas, Long generation, DeploymentStatus status) {
        return new DeploymentBuilder().withNewMetadata().withName("workload").withGeneration(generation).endMetadata()
                .withNewSpec().withReplicas(replicas).endSpec().withStatus(status).build();
    }

    static Job job(int parallelism, JobStatus status) {
        return new JobBuilder().withNewMetadata().withName("workload").endMetadata()
                .withNewSpec().withParallelism(parallelism).endSpec().withStatus(status).build();
    }

    static Stream<Arguments> deployments() {
        return Stream.of(
                Arguments.of("no status yet", deployment(2, 1L, null), Rollout.Pending.class, "no status"),
                Arguments.of("some replicas ready", deployment(2, 1L, new DeploymentStatusBuilder().withReadyReplicas(1).build()),
                        Rollout.Pending.class, "1/2"),
                Arguments.of("all ready", deployment(2, 1L, new DeploymentStatusBuilder().withReadyReplicas(2).withObservedGeneration(1L).build()),
                        Rollout.Ready.class, ""),
                Arguments.of("ready counts of an older generation", deployment(2, 2L,
                        new DeploymentStatusBuilder().withReadyReplicas(2).withObservedGeneration(1L).build()), Rollout.Pending.class, "generation 2"),
                Arguments.of("progress deadline exceeded", deployment(2, 1L, new DeploymentStatusBuilder().withReadyReplicas(0)
                        .withConditions(new DeploymentConditionBuilder().withType("Progressing").withStatus("False")
                                .withReason("ProgressDeadlineExceeded").withMessage("ReplicaSet has timed out").build()).build()),
                        Rollout.Broken.class, "ReplicaSet has timed out"));
    }

    static Stream<Arguments> jobs() {
        return Stream.of(
                Arguments.of("no status yet", job(2, null), Rollout.Pending.class, "no status"),
                Arguments.of("pods active but not ready", job(2, new JobStatusBuilder().withActive(2).withReady(1).build()), Rollout.Pending.class, "1/2"),
                Arguments.of("all pods ready", job(2, new JobStatusBuilder().withActive(2).withReady(2).build()), Rollout.Ready.class, ""),
                Arguments.of("old cluster: active only", job(2, new JobStatusBuilder().withActive(2).build()), Rollout.Ready.class, ""),
                Arguments.of("one running one done", job(2, new JobStatusBuilder().withReady(1).withSucceeded(1).build()), Rollout.Ready.class, ""),
                Arguments.of("complete", job(2, new JobStatusBuilder().withSucceeded(2).withConditions(new JobConditionBuilder()
                        .withType("Complete").withStatus("True").build()).build()), Rollout.Ready.class, ""),
                Arguments.of("failed", job(2, new JobStatusBuilder().withFailed(4).withConditions(new JobConditionBuilder()
                        .withType("Failed").withStatus("True").withReason("BackoffLimitExceeded").build()).build()), Rollout.Broken.class,
                        "BackoffLimitExceeded"));
    }

    @ParameterizedTest(name = "deployment: {0}")
    @MethodSource("deployments")
    void shouldClassifyDeploymentsByStatus(String name, Deployment deployment, Class<? extends Rollout> expected, String detail) {
        assertClassified(RolloutStatus.classify(deployment), expected, detail);
    }

    @ParameterizedTest(name = "job: {0}")
    @MethodSource("jobs")
    void shouldClassifyJobsByStatus(String name, Job job, Class<? extends Rollout> expected, String detail) {
        assertClassified(RolloutStatus.classify(job), expected, detail);
    }

    @Test
    void shouldReportAMissingWorkload() {
        assertThat(RolloutStatus.classify(null)).isInstanceOf(Rollout.Missing.class);
    }

    @Test
    void shouldReportReadyReplicas() {
        assertThat(RolloutStatus.classify(job(3, new JobStatusBuilder().withReady(2).withSucceeded(1).build()))).isEqualTo(new Rollout.Ready(3));
        assertThat(RolloutStatus.classify(deployment(2, null, new DeploymentStatusBuilder().withReadyReplicas(2).build())))
                .isEqualTo(new Rollout.Ready(2));
    }

    private static void assertClassified(Rollout rollout, Class<? extends Rollout> expected, String detail) {
        assertThat(rollout).isInstanceOf(expected);
        assertThat(rollout.toString()).contains(detail);
    }
}
