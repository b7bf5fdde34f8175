package dev.fabric.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.fabric.topics.TopicMismatchException;
import dev.fabric.topics.TopicProvisioner;
import dev.fabric.topics.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;

@WithEmbeddedKafka(provisionTopics = false)
class TopicProvisionerTest {

    @Test
    void shouldCreateMissingTopicsThenLeaveThemAlone(EmbeddedKafka kafka) throws Exception {
        try (Admin admin = Admin.create(kafka.clientConfig())) {
            TopicProvisioner provisioner = new TopicProvisioner(admin, (short) 1, Duration.ofSeconds(30));
            List<dev.fabric.topics.Topic<String, ?>> topics = List.of(Topics.BIDS, Topics.REPUTATION_SCORES);

            TopicProvisioner.Report first = provisioner.ensure(topics);
            TopicProvisioner.Report second = provisioner.ensure(topics);

            assertThat(first.created()).containsExactly("fabric.bids", "fabric.reputation.scores");
            assertThat(second.created()).isEmpty();
            assertThat(second.unchanged()).containsExactlyInAnyOrder("fabric.bids", "fabric.reputation.scores");
            assertThat(admin.describeTopics(List.of("fabric.bids")).allTopicNames().get().get("fabric.bids").partitions())
                    .hasSize(Topics.BID_PARTITIONS);
        }
    }

    @Test
    void shouldRestoreDriftedRetention(EmbeddedKafka kafka) throws Exception {
        try (Admin admin = Admin.create(kafka.clientConfig())) {
            TopicProvisioner provisioner = new TopicProvisioner(admin, (short) 1, Duration.ofSeconds(30));
            provisioner.ensure(List.of(Topics.OFFERS));
            ConfigResource offers = new ConfigResource(ConfigResource.Type.TOPIC, "fabric.offers");
            admin.incrementalAlterConfigs(Map.of(offers, List.of(new AlterConfigOp(new ConfigEntry("retention.ms", "1000"), AlterConfigOp.OpType.SET))))
                    .all().get();
            await().atMost(Duration.ofSeconds(30)).until(() -> "1000".equals(retentionOf(admin, offers)));

            TopicProvisioner.Report report = provisioner.ensure(List.of(Topics.OFFERS));

            assertThat(report.updated()).containsExactly("fabric.offers");
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(retentionOf(admin, offers)).isEqualTo(Topics.OFFERS.configs().get("retention.ms")));
        }
    }

    private static String retentionOf(Admin admin, ConfigResource topic) throws Exception {
        return admin.describeConfigs(List.of(topic)).all().get().get(topic).get("retention.ms").value();
    }

    @Test
    void shouldRefuseATopicWithWrongPartitionsOrCleanup(EmbeddedKafka kafka) throws Exception {
        try (Admin admin = Admin.create(kafka.clientConfig())) {
            admin.createTopics(List.of(
                    new NewTopic("fabric.awards", 2, (short) 1),
                    new NewTopic("fabric.ingest.cursor", 1, (short) 1).configs(Map.of("cleanup.policy", "delete")))).all().get();
            TopicProvisioner provisioner = new TopicProvisioner(admin, (short) 1, Duration.ofSeconds(30));

            assertThatThrownBy(() -> provisioner.ensure(List.of(Topics.AWARDS, Topics.INGEST_CURSOR)))
                    .isInstanceOf(TopicMismatchException.class)
                    .hasMessageContaining("fabric.awards has 2 partitions, the catalogue requires " + Topics.BID_PARTITIONS)
                    .hasMessageContaining("fabric.ingest.cursor has cleanup.policy=delete, the catalogue requires compact");
        }
    }

    @Test
    void shouldRequireInSyncReplicasOnlyOnReplicatedClusters() {
        TopicProvisioner single = new TopicProvisioner(null, (short) 1, Duration.ofSeconds(1));
        TopicProvisioner triple = new TopicProvisioner(null, (short) 3, Duration.ofSeconds(1));

        assertThat(single.creationConfigs(Topics.BIDS)).doesNotContainKey("min.insync.replicas");
        assertThat(triple.creationConfigs(Topics.BIDS)).containsEntry("min.insync.replicas", "2");
    }
}
