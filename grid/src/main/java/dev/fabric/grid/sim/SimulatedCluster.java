package dev.fabric.grid.sim;

import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * An operator's Kubernetes cluster for the local grid: the fabric8 mock API server in CRUD mode
 * (real REST semantics, no controllers) plus a small controller that plays the part of the
 * kubelet: after a delay it reports each Deployment ready, or Job running, or, with probability
 * {@code 1 - reliability}, reports the rollout failed. That is where the simulated market's
 * unreliable operators come from.
 */
public final class SimulatedCluster implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(SimulatedCluster.class);

    /** Node shape: how many nodes and what each can allocate. */
    public record Shape(int nodes, long cpuMillisPerNode, long memoryMiBPerNode, long storageGiBPerNode, int gpusPerNode) {
    }

    private final String name;
    private final KubernetesMockServer server;
    private final KubernetesClient client;
    private final ScheduledExecutorService controller;
    private final List<Watch> watches = new ArrayList<>();
    private final double reliability;
    private final Duration rolloutDelay;
    private final Random random;
    private final AtomicLong rolledOut = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    private SimulatedCluster(String name, KubernetesMockServer server, double reliability, Duration rolloutDelay, Random random) {
        this.name = name;
        this.server = server;
        this.client = server.createClient();
        this.controller = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "cluster-" + name);
            t.setDaemon(true);
            return t;
        });
        this.reliability = reliability;
        this.rolloutDelay = rolloutDelay;
        this.random = random;
    }

    /** Starts the API server on {@code port} (0 = free), creates the nodes, starts the controller. */
    public static SimulatedCluster start(String name, int port, Shape shape, double reliability, Duration rolloutDelay, long seed) {
        if (reliability < 0 || reliability > 1) {
            throw new IllegalArgumentException("reliability must be within [0, 1], got " + reliability);
        }
        Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
        KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), responses,
                new KubernetesCrudDispatcher(), false);
        try {
            server.init(InetAddress.getByName("127.0.0.1"), port);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
        SimulatedCluster cluster = new SimulatedCluster(name, server, reliability, rolloutDelay, new Random(seed));
        cluster.createNodes(shape);
        cluster.watchWorkloads();
        return cluster;
    }

    /** URL the deployer's Kubernetes client talks to. */
    public String apiUrl() {
        return server.url("/");
    }

    public String name() {
        return name;
    }

    public long rolledOut() {
        return rolledOut.get();
    }

    public long failed() {
        return failed.get();
    }

    /** A client on this cluster (for tests and the dashboard). */
    public KubernetesClient client() {
        return client;
    }

    private void createNodes(Shape shape) {
        for (int i = 1; i <= shape.nodes(); i++) {
            Map<String, Quantity> allocatable = new HashMap<>();
            allocatable.put("cpu", new Quantity(shape.cpuMillisPerNode() + "m"));
            allocatable.put("memory", new Quantity(shape.memoryMiBPerNode() + "Mi"));
            allocatable.put("ephemeral-storage", new Quantity(shape.storageGiBPerNode() + "Gi"));
            if (shape.gpusPerNode() > 0) {
                allocatable.put("nvidia.com/gpu", new Quantity(Integer.toString(shape.gpusPerNode())));
            }
            client.nodes().resource(new NodeBuilder().withNewMetadata().withName(name + "-node-" + i).endMetadata()
                    .withNewStatus().withAllocatable(allocatable).withCapacity(allocatable)
                    .addNewCondition().withType("Ready").withStatus("True").endCondition().endStatus().build()).create();
        }
    }

    private void watchWorkloads() {
        watches.add(client.apps().deployments().inAnyNamespace().watch(new Watcher<>() {
            @Override
            public void eventReceived(Action action, Deployment deployment) {
                if (action == Action.ADDED) {
                    controller.schedule(() -> rollOut(deployment), delay(), TimeUnit.MILLISECONDS);
                }
            }

            @Override
            public void onClose(WatcherException cause) {
                LOG.debugf("deployment watch of %s closed: %s", name, cause);
            }
        }));
        watches.add(client.batch().v1().jobs().inAnyNamespace().watch(new Watcher<>() {
            @Override
            public void eventReceived(Action action, Job job) {
                if (action == Action.ADDED) {
                    controller.schedule(() -> runJob(job), delay(), TimeUnit.MILLISECONDS);
                }
            }

            @Override
            public void onClose(WatcherException cause) {
                LOG.debugf("job watch of %s closed: %s", name, cause);
            }
        }));
    }

    private long delay() {
        long base = rolloutDelay.toMillis();
        return base / 2 + (long) (random.nextDouble() * base);
    }

    private void rollOut(Deployment added) {
        try {
            Deployment current = client.apps().deployments().inNamespace(added.getMetadata().getNamespace())
                    .withName(added.getMetadata().getName()).get();
            if (current == null) {
                return; // torn down before it came up
            }
            int replicas = current.getSpec().getReplicas() == null ? 1 : current.getSpec().getReplicas();
            Long generation = current.getMetadata().getGeneration();
            if (random.nextDouble() < reliability) {
                current.setStatus(new DeploymentStatusBuilder().withObservedGeneration(generation).withReplicas(replicas)
                        .withReadyReplicas(replicas).withAvailableReplicas(replicas).withUpdatedReplicas(replicas).build());
                rolledOut.incrementAndGet();
            } else {
                current.setStatus(new DeploymentStatusBuilder().withObservedGeneration(generation).withReplicas(replicas)
                        .withReadyReplicas(0).addToConditions(new DeploymentConditionBuilder().withType("Progressing")
                                .withStatus("False").withReason("ProgressDeadlineExceeded")
                                .withMessage("simulated: image pull back-off on " + name).build()).build());
                failed.incrementAndGet();
            }
            client.apps().deployments().inNamespace(current.getMetadata().getNamespace()).resource(current).updateStatus();
        } catch (RuntimeException e) {
            LOG.warnf("cluster %s could not report the rollout of %s: %s", name, added.getMetadata().getName(), e.getMessage());
        }
    }

    private void runJob(Job added) {
        try {
            Job current = client.batch().v1().jobs().inNamespace(added.getMetadata().getNamespace())
                    .withName(added.getMetadata().getName()).get();
            if (current == null) {
                return;
            }
            int parallelism = current.getSpec().getParallelism() == null ? 1 : current.getSpec().getParallelism();
            if (random.nextDouble() < reliability) {
                current.setStatus(new JobStatusBuilder().withActive(parallelism).withReady(parallelism).build());
                rolledOut.incrementAndGet();
            } else {
                current.setStatus(new JobStatusBuilder().withFailed(1).addNewCondition().withType("Failed").withStatus("True")
                        .withReason("BackoffLimitExceeded").withMessage("simulated: container crashed on " + name).endCondition().build());
                failed.incrementAndGet();
            }
            client.batch().v1().jobs().inNamespace(current.getMetadata().getNamespace()).resource(current).updateStatus();
        } catch (RuntimeException e) {
            LOG.warnf("cluster %s could not report the job %s: %s", name, added.getMetadata().getName(), e.getMessage());
        }
    }

    @Override
    public void close() {
        watches.forEach(Watch::close);
        controller.shutdownNow();
        client.close();
        server.destroy();
    }
}
