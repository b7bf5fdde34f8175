package dev.fabric.topics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class TopicsTest {

    @Test
    void shouldListEveryTopicOfTheDesignOnce() {
        Set<String> names = Topics.ALL.stream().map(Topic::name).collect(Collectors.toSet());

        assertThat(names).hasSize(Topics.ALL.size()).containsExactlyInAnyOrder(
                "fabric.hydra.events", "fabric.l2.transactions", "fabric.bids", "fabric.offers", "fabric.awards",
                "fabric.settlements", "fabric.deployments", "fabric.attestations", "fabric.reputation.scores",
                "fabric.ingest.cursor", "fabric.dlq");
    }

    @Test
    void shouldPlaceAKeyWhereTheProducersDefaultPartitionerDoes() {
        StringSerializer keys = new StringSerializer();
        for (int n = 0; n < 500; n++) {
            String bidRef = String.format("%064x#%d", n * 7919L, n % 3);
            int producers = BuiltInPartitioner.partitionForKey(keys.serialize(Topics.BIDS.name(), bidRef), Topics.BID_PARTITIONS);
            assertThat(Topics.BIDS.partitionOf(bidRef)).as(bidRef).isEqualTo(producers);
            assertThat(Topic.partitionOf(bidRef, 3)).as(bidRef)
                    .isEqualTo(BuiltInPartitioner.partitionForKey(keys.serialize(Topics.HYDRA_EVENTS.name(), bidRef), 3));
        }
    }

    @Test
    void shouldCoPartitionEveryBidScopedTopic() {
        List<Topic<String, ?>> bidScoped = Topics.ALL.stream().filter(t -> t.keyMeaning().equals("bidRef")).toList();

        assertThat(bidScoped).extracting(Topic::name).containsExactlyInAnyOrder(
                "fabric.bids", "fabric.offers", "fabric.awards", "fabric.settlements", "fabric.deployments");
        assertThat(bidScoped).extracting(Topic::partitions).containsOnly(Topics.BID_PARTITIONS);
    }

    @Test
    void shouldCompactOnlyLatestValueTopics() {
        assertThat(Topics.ALL.stream().filter(t -> t.cleanup() == Topic.Cleanup.COMPACT).map(Topic::name))
                .containsExactlyInAnyOrder("fabric.reputation.scores", "fabric.ingest.cursor");
        assertThat(Topics.REPUTATION_SCORES.configs()).containsEntry("cleanup.policy", "compact").doesNotContainKey("retention.ms");
        assertThat(Topics.BIDS.configs()).containsEntry("cleanup.policy", "delete").containsKey("retention.ms");
    }

    @Test
    void shouldCarryEventIdCausationAndOccurredAtOnEveryValue() {
        for (Schema schema : Topics.valueSchemas()) {
            assertThat(schema.getField("eventId")).as(schema.getFullName()).isNotNull();
            assertThat(schema.getField("causationId")).as(schema.getFullName()).isNotNull();
            assertThat(schema.getField("occurredAt")).as(schema.getFullName()).isNotNull();
            assertThat(schema.getField("occurredAt").schema().getLogicalType().getName()).isEqualTo("timestamp-millis");
        }
    }
}
