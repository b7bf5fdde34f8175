package dev.fabric.topics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.jboss.logging.Logger;

/**
 * Makes the broker hold the catalogue's topics: creates missing ones, aligns adjustable configs
 * (retention) of existing ones, and refuses to continue when an existing topic differs in what
 * cannot be changed safely (partition count, cleanup policy). Idempotent: run it on every start.
 */
public final class TopicProvisioner {

    private static final Logger LOG = Logger.getLogger(TopicProvisioner.class);

    private final Admin admin;
    private final short replicationFactor;
    private final Duration timeout;

    /** What a run did. */
    public record Report(List<String> created, List<String> updated, List<String> unchanged) {
    }

    public TopicProvisioner(Admin admin, short replicationFactor, Duration timeout) {
        if (replicationFactor < 1) {
            throw new IllegalArgumentException("replication factor must be >= 1");
        }
        this.admin = admin;
        this.replicationFactor = replicationFactor;
        this.timeout = timeout;
    }

    /** Ensures every topic exists as catalogued; throws {@link TopicMismatchException} listing every difference. */
    public Report ensure(Collection<? extends Topic<?, ?>> topics) {
        try {
            Set<String> existing = admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            List<String> created = new ArrayList<>();
            List<Topic<?, ?>> present = new ArrayList<>();
            for (Topic<?, ?> topic : topics) {
                if (existing.contains(topic.name()) || !create(topic)) {
                    present.add(topic);
                } else {
                    created.add(topic.name());
                }
            }
            awaitVisible(created);
            List<String> updated = new ArrayList<>();
            List<String> unchanged = new ArrayList<>();
            verify(present, updated, unchanged);
            LOG.infof("Topics ready: created %s, updated %s, unchanged %d", created, updated, unchanged.size());
            return new Report(List.copyOf(created), List.copyOf(updated), List.copyOf(unchanged));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while provisioning topics", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Cannot provision topics: " + e.getMessage(), e);
        }
    }

    /** The configs a topic is created with on this cluster. */
    public Map<String, String> creationConfigs(Topic<?, ?> topic) {
        Map<String, String> configs = new HashMap<>(topic.configs());
        if (replicationFactor > 1) {
            // Tolerate one broker down without losing acknowledged writes (acks=all).
            configs.put(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, Integer.toString(replicationFactor - 1));
        }
        return configs;
    }

    private boolean create(Topic<?, ?> topic) throws InterruptedException, ExecutionException, TimeoutException {
        NewTopic newTopic = new NewTopic(topic.name(), topic.partitions(), replicationFactor).configs(creationConfigs(topic));
        try {
            admin.createTopics(List.of(newTopic)).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TopicExistsException) {
                return false; // created concurrently by another instance: verify it instead
            }
            throw e;
        }
    }

    /**
     * Waits until the broker serves metadata for freshly created topics: creation completes on the
     * controller first, so a client that uses the topic at once could otherwise see it missing.
     */
    private void awaitVisible(List<String> names) throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long pauseMs = 10;
        while (!names.isEmpty()) {
            try {
                admin.describeTopics(names).allTopicNames().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                return;
            } catch (ExecutionException e) {
                if (System.nanoTime() > deadline) {
                    throw new TimeoutException("Created topics " + names + " did not become visible: " + e.getCause());
                }
                TimeUnit.MILLISECONDS.sleep(pauseMs);
                pauseMs = Math.min(pauseMs * 2, 500);
            }
        }
    }

    private void verify(List<Topic<?, ?>> topics, List<String> updated, List<String> unchanged)
            throws InterruptedException, ExecutionException, TimeoutException {
        if (topics.isEmpty()) {
            return;
        }
        List<String> names = topics.stream().map(Topic::name).toList();
        Map<String, TopicDescription> descriptions =
                admin.describeTopics(names).allTopicNames().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        List<ConfigResource> resources = names.stream().map(n -> new ConfigResource(ConfigResource.Type.TOPIC, n)).toList();
        Map<ConfigResource, Config> configs = admin.describeConfigs(resources).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);

        List<String> mismatches = new ArrayList<>();
        Map<ConfigResource, Collection<AlterConfigOp>> alterations = new HashMap<>();
        for (Topic<?, ?> topic : topics) {
            TopicDescription description = descriptions.get(topic.name());
            int partitions = description.partitions().size();
            if (partitions != topic.partitions()) {
                mismatches.add(topic.name() + " has " + partitions + " partitions, the catalogue requires " + topic.partitions());
            }
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic.name());
            Config actual = configs.get(resource);
            String cleanup = value(actual, TopicConfig.CLEANUP_POLICY_CONFIG);
            if (!topic.cleanup().configValue().equals(cleanup)) {
                mismatches.add(topic.name() + " has cleanup.policy=" + cleanup + ", the catalogue requires " + topic.cleanup().configValue());
            }
            List<AlterConfigOp> ops = new ArrayList<>();
            topic.configs().forEach((key, wanted) -> {
                if (!key.equals(TopicConfig.CLEANUP_POLICY_CONFIG) && !wanted.equals(value(actual, key))) {
                    ops.add(new AlterConfigOp(new ConfigEntry(key, wanted), AlterConfigOp.OpType.SET));
                }
            });
            if (ops.isEmpty()) {
                unchanged.add(topic.name());
            } else {
                alterations.put(resource, ops);
                updated.add(topic.name());
            }
        }
        if (!mismatches.isEmpty()) {
            throw new TopicMismatchException(mismatches);
        }
        if (!alterations.isEmpty()) {
            admin.incrementalAlterConfigs(alterations).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private static String value(Config config, String key) {
        ConfigEntry entry = config == null ? null : config.get(key);
        return entry == null ? null : entry.value();
    }
}
