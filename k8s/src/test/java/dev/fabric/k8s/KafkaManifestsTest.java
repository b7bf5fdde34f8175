package dev.fabric.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fabric.topics.Topic;
import dev.fabric.topics.Topics;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaManifestsTest {

    private static final Path GENERATED = Path.of("kafka/generated");

    @Test
    void shouldMatchTheCommittedTopicManifests() throws Exception {
        assertThat(Files.readString(GENERATED.resolve("topics.yaml")))
                .as("k8s/kafka/generated/topics.yaml is stale: run ./mvnw -pl k8s -am -Pgenerate-manifests process-classes")
                .isEqualTo(KafkaManifests.render(KafkaManifests.topics()));
    }

    @Test
    void shouldMatchTheCommittedUserManifests() throws Exception {
        assertThat(Files.readString(GENERATED.resolve("users.yaml")))
                .as("k8s/kafka/generated/users.yaml is stale: run ./mvnw -pl k8s -am -Pgenerate-manifests process-classes")
                .isEqualTo(KafkaManifests.render(KafkaManifests.users()));
    }

    @Test
    @SuppressWarnings("unchecked")
    void shouldDeclareEveryCatalogueTopicWithItsPartitionsAndConfigs() {
        List<GenericKubernetesResource> topics = KafkaManifests.topics();

        assertThat(topics).hasSize(Topics.ALL.size());
        for (Topic<String, ?> topic : Topics.ALL) {
            GenericKubernetesResource resource = topics.stream()
                    .filter(r -> r.getMetadata().getName().equals(topic.name())).findFirst().orElseThrow();
            Map<String, Object> spec = (Map<String, Object>) resource.getAdditionalProperties().get("spec");
            assertThat(spec).containsEntry("topicName", topic.name()).containsEntry("partitions", topic.partitions());
            assertThat((Map<String, Object>) spec.get("config")).containsAllEntriesOf(Map.copyOf(topic.configs()));
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void shouldGrantEachServiceOnlyItsTopics() {
        GenericKubernetesResource reputation = KafkaManifests.users().stream()
                .filter(u -> u.getMetadata().getName().equals("fabric-reputation")).findFirst().orElseThrow();
        List<Map<String, Object>> acls = (List<Map<String, Object>>) ((Map<String, Object>)
                ((Map<String, Object>) reputation.getAdditionalProperties().get("spec")).get("authorization")).get("acls");

        List<String> writable = acls.stream()
                .filter(a -> "topic".equals(((Map<String, Object>) a.get("resource")).get("type")))
                .filter(a -> "literal".equals(((Map<String, Object>) a.get("resource")).get("patternType")))
                .filter(a -> ((List<String>) a.get("operations")).contains("Write"))
                .map(a -> (String) ((Map<String, Object>) a.get("resource")).get("name")).toList();
        assertThat(writable).containsExactlyInAnyOrder("fabric.reputation.scores", "fabric.dlq");
    }
}
