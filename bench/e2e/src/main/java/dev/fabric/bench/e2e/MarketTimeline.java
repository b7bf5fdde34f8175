package dev.fabric.bench.e2e;

import dev.fabric.events.MarketProgressMarks;
import dev.fabric.events.v1.bid.BidEvent;
import dev.fabric.events.v1.bid.BidOpened;
import dev.fabric.events.v1.common.ModeKind;
import dev.fabric.events.v1.deployment.DeploymentEvent;
import dev.fabric.events.v1.deployment.Provisioning;
import dev.fabric.events.v1.deployment.Running;
import dev.fabric.topics.Topic;
import dev.fabric.topics.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Every bid's journey as the topics tell it: {@code BidOpened} (its {@code occurredAt} is the time of
 * the head snapshot that confirmed the opening) and the deployer's first {@code Provisioning}
 * (namespace created) and {@code Running} (workload ready) for it. Reads read_committed from the
 * beginning without a group, like the grid's own market view, so nothing before the bench attached
 * is missed. Progress marks on fabric.bids are skipped.
 */
final class MarketTimeline implements AutoCloseable {

    /** One bid: when its opening was confirmed, its mode, and when the operator's namespace and workload came up. */
    record Journey(String bidRef, Instant opened, ModeKind kind, long windowMs, Optional<Instant> namespace, Optional<Instant> running) {
        Optional<Long> toNamespaceMs() {
            return namespace.map(at -> Duration.between(opened, at).toMillis());
        }

        Optional<Long> toRunningMs() {
            return running.map(at -> Duration.between(opened, at).toMillis());
        }
    }

    private record Opened(Instant at, ModeKind kind, long windowMs) {
    }

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Deserializer<BidEvent> bids = Topics.BIDS.valueSerde().deserializer();
    private final Deserializer<DeploymentEvent> deployments = Topics.DEPLOYMENTS.valueSerde().deserializer();
    private final Map<String, Opened> opened = new HashMap<>();
    private final Map<String, Instant> namespaces = new HashMap<>();
    private final Map<String, Instant> running = new HashMap<>();
    private final AtomicBoolean reading = new AtomicBoolean(true);
    private final Thread thread;

    MarketTimeline(String bootstrapServers) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "fabric-bench-e2e");
        consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        for (Topic<String, ?> topic : List.<Topic<String, ?>>of(Topics.BIDS, Topics.DEPLOYMENTS)) {
            for (int p = 0; p < topic.partitions(); p++) {
                partitions.add(new TopicPartition(topic.name(), p));
            }
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        thread = new Thread(this::read, "bench-market-timeline");
        thread.setDaemon(true);
        thread.start();
    }

    private void read() {
        try {
            while (reading.get()) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.value() != null) {
                        apply(record);
                    }
                }
            }
        } catch (WakeupException stopping) {
            // close() woke the poll
        } finally {
            consumer.close();
        }
    }

    private synchronized void apply(ConsumerRecord<byte[], byte[]> record) {
        if (record.topic().equals(Topics.BIDS.name())) {
            BidEvent event = bids.deserialize(record.topic(), record.value());
            if (MarketProgressMarks.isMark(event)) {
                return; // keyless, about no bid: no journey
            }
            if (event.getPayload() instanceof BidOpened open) {
                long window = open.getMode().getWindowMs() != null ? open.getMode().getWindowMs()
                        : open.getMode().getPriorityWindowMs() != null ? open.getMode().getPriorityWindowMs() : 0L;
                opened.putIfAbsent(event.getBidRef(), new Opened(event.getOccurredAt(), open.getMode().getKind(), window));
            }
        } else {
            DeploymentEvent event = deployments.deserialize(record.topic(), record.value());
            if (event.getPayload() instanceof Provisioning) {
                namespaces.putIfAbsent(event.getBidRef(), event.getOccurredAt());
            } else if (event.getPayload() instanceof Running) {
                running.putIfAbsent(event.getBidRef(), event.getOccurredAt());
            }
        }
    }

    synchronized List<Journey> journeys() {
        List<Journey> all = new ArrayList<>();
        opened.forEach((ref, o) -> all.add(new Journey(ref, o.at(), o.kind(), o.windowMs(), Optional.ofNullable(namespaces.get(ref)),
                Optional.ofNullable(running.get(ref)))));
        return all;
    }

    /** Bids opened whose namespace has not come up yet. */
    synchronized long waitingForNamespace() {
        return opened.keySet().stream().filter(ref -> !namespaces.containsKey(ref)).count();
    }

    @Override
    public void close() {
        reading.set(false);
        consumer.wakeup();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
