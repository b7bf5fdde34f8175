package dev.fabric.bench.auction;

import dev.fabric.topics.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Every committed decision of fabric.awards, counted per bid: exactly one each is the exactly-once check. */
record DecisionAudit(long expectedBids, long decisions, long decidedBids, long duplicated) {

    static DecisionAudit read(String bootstrap, long expectedBids) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        Map<String, Integer> perBid = new HashMap<>();
        long decisions = 0;
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.AWARDS.name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                for (var record : consumer.poll(Duration.ofMillis(200))) {
                    perBid.merge(record.key(), 1, Integer::sum);
                    decisions++;
                }
            }
        }
        long duplicated = perBid.values().stream().filter(n -> n > 1).count();
        return new DecisionAudit(expectedBids, decisions, perBid.size(), duplicated);
    }
}
