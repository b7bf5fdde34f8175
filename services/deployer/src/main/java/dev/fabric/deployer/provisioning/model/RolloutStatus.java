package dev.fabric.deployer.provisioning.model;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import java.util.List;
import java.util.Optional;

/**
 * Classifies a Deployment or Job by its {@code status} only (conditions, ready counts), never by
 * looking at pods: that is what the controllers publish, what RBAC on the workload kinds allows
 * reading, and what a test can set on a mock server that runs no controllers.
 */
public final class RolloutStatus {

    private RolloutStatus() {
    }

    public static Rollout classify(HasMetadata workload) {
        if (workload == null) {
            return new Rollout.Missing();
        }
        if (workload instanceof Deployment deployment) {
            return deployment(deployment);
        }
        if (workload instanceof Job job) {
            return job(job);
        }
        return new Rollout.Broken("unsupported workload kind " + workload.getKind());
    }

    static Rollout deployment(Deployment deployment) {
        int wanted = deployment.getSpec() == null || deployment.getSpec().getReplicas() == null ? 1 : deployment.getSpec().getReplicas();
        DeploymentStatus status = deployment.getStatus();
        if (status == null) {
            return new Rollout.Pending("no status reported yet");
        }
        Optional<DeploymentCondition> deadline = conditions(status.getConditions()).stream()
                .filter(c -> "Progressing".equals(c.getType()) && "False".equals(c.getStatus())
                        && "ProgressDeadlineExceeded".equals(c.getReason()))
                .findFirst();
        if (deadline.isPresent()) {
            return new Rollout.Broken("progress deadline exceeded: " + Optional.ofNullable(deadline.get().getMessage()).orElse("no message"));
        }
        Long generation = deployment.getMetadata().getGeneration();
        Long observed = status.getObservedGeneration();
        if (generation != null && observed != null && observed < generation) {
            return new Rollout.Pending("controller has not observed generation " + generation + " yet");
        }
        int ready = status.getReadyReplicas() == null ? 0 : status.getReadyReplicas();
        if (ready >= wanted) {
            return new Rollout.Ready(ready);
        }
        return new Rollout.Pending(ready + "/" + wanted + " replicas ready");
    }

    static Rollout job(Job job) {
        int parallelism = job.getSpec() == null || job.getSpec().getParallelism() == null ? 1 : job.getSpec().getParallelism();
        JobStatus status = job.getStatus();
        if (status == null) {
            return new Rollout.Pending("no status reported yet");
        }
        for (JobCondition c : conditions(status.getConditions())) {
            if ("Failed".equals(c.getType()) && "True".equals(c.getStatus())) {
                return new Rollout.Broken("job failed: " + Optional.ofNullable(c.getReason()).orElse("no reason")
                        + Optional.ofNullable(c.getMessage()).map(m -> " (" + m + ")").orElse(""));
            }
        }
        int succeeded = status.getSucceeded() == null ? 0 : status.getSucceeded();
        for (JobCondition c : conditions(status.getConditions())) {
            if ("Complete".equals(c.getType()) && "True".equals(c.getStatus())) {
                return new Rollout.Ready(succeeded);
            }
        }
        // status.ready (pods ready) exists since Kubernetes 1.24; older clusters only report active pods.
        int running = status.getReady() != null ? status.getReady() : status.getActive() == null ? 0 : status.getActive();
        if (running + succeeded >= parallelism) {
            return new Rollout.Ready(Math.min(parallelism, running + succeeded));
        }
        return new Rollout.Pending((running + succeeded) + "/" + parallelism + " pods running or done");
    }

    private static <T> List<T> conditions(List<T> conditions) {
        return conditions == null ? List.of() : conditions;
    }
}
