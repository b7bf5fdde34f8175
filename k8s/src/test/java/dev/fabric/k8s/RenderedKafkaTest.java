package dev.fabric.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fabric.topics.Topic;
import dev.fabric.topics.Topics;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The KafkaTopic and KafkaUser resources each overlay actually applies, against the catalogue. */
class RenderedKafkaTest {

    @ParameterizedTest
    @CsvSource({"overlays/dev, 1, 1", "overlays/prod, 3, 2"})
    @SuppressWarnings("unchecked")
    void shouldCreateExactlyTheCatalogueTopics(String dir, int replicas, int minInSync) {
        RenderedManifests rendered = Kustomize.render(dir);
        Map<String, GenericKubernetesResource> fabricTopics = rendered.custom("KafkaTopic").stream()
                .filter(t -> !Workloads.REGISTRY_TOPICS.contains(t.getMetadata().getName()))
                .collect(Collectors.toMap(t -> t.getMetadata().getName(), t -> t));

        assertThat(fabricTopics.keySet()).as(dir).containsExactlyInAnyOrderElementsOf(
                Topics.ALL.stream().map(Topic::name).toList());
        SoftAssertions softly = new SoftAssertions();
        for (Topic<String, ?> topic : Topics.ALL) {
            Map<String, Object> spec = RenderedManifests.spec(fabricTopics.get(topic.name()));
            Map<String, Object> config = (Map<String, Object>) spec.get("config");
            softly.assertThat(spec.get("topicName")).as(topic.name()).isEqualTo(topic.name());
            softly.assertThat(spec.get("partitions")).as(topic.name() + " partitions").isEqualTo(topic.partitions());
            softly.assertThat(spec.get("replicas")).as(dir + " " + topic.name() + " replicas").isEqualTo(replicas);
            softly.assertThat(config).as(topic.name() + " config").containsAllEntriesOf(Map.copyOf(topic.configs()))
                    .containsEntry("min.insync.replicas", Integer.toString(minInSync));
            softly.assertThat(fabricTopics.get(topic.name()).getMetadata().getLabels())
                    .containsEntry("strimzi.io/cluster", KafkaManifests.CLUSTER);
        }
        softly.assertAll();
    }

    @ParameterizedTest
    @ValueSource(strings = {"overlays/dev", "overlays/prod"})
    void shouldGiveEveryServiceItsOwnTlsKafkaUser(String dir) {
        RenderedManifests rendered = Kustomize.render(dir);

        assertThat(ServiceAccess.all()).allSatisfy(access -> {
            GenericKubernetesResource user = rendered.findCustom("KafkaUser", access.clientId()).orElseThrow(
                    () -> new AssertionError(dir + ": no KafkaUser " + access.clientId()));
            assertThat(RenderedManifests.spec(user).get("authentication")).isEqualTo(Map.of("type", "tls"));
            assertThat(user.getMetadata().getLabels()).containsEntry("strimzi.io/cluster", KafkaManifests.CLUSTER);
        });
    }

    @Test
    @SuppressWarnings("unchecked")
    void shouldConfineTheRegistryToItsOwnTopics() {
        RenderedManifests prod = Kustomize.render("overlays/prod");
        GenericKubernetesResource registry = prod.findCustom("KafkaUser", Workloads.REGISTRY_KAFKA_USER).orElseThrow();
        List<Map<String, Object>> acls = (List<Map<String, Object>>) ((Map<String, Object>)
                RenderedManifests.spec(registry).get("authorization")).get("acls");
        Set<String> topics = new HashSet<>();
        for (Map<String, Object> acl : acls) {
            Map<String, Object> resource = (Map<String, Object>) acl.get("resource");
            if ("topic".equals(resource.get("type"))) {
                assertThat(resource.get("patternType")).as("registry topic ACLs are literal").isEqualTo("literal");
                topics.add((String) resource.get("name"));
            }
        }

        assertThat(topics).isEqualTo(Workloads.REGISTRY_TOPICS);
        assertThat(prod.custom("KafkaTopic").stream().map(t -> t.getMetadata().getName()))
                .containsAll(Workloads.REGISTRY_TOPICS);
        assertThat(Kustomize.render("overlays/dev").custom("KafkaTopic").stream().map(t -> t.getMetadata().getName()))
                .as("dev has no registry").doesNotContainAnyElementsOf(Workloads.REGISTRY_TOPICS);
    }

    @Test
    @SuppressWarnings("unchecked")
    void shouldOpenAnExternalTlsListenerForOperatorsInProdOnly() {
        List<Map<String, Object>> prod = listeners(Kustomize.render("overlays/prod"));
        List<Map<String, Object>> dev = listeners(Kustomize.render("overlays/dev"));

        assertThat(prod).anySatisfy(l -> {
            assertThat(l.get("type")).isEqualTo("loadbalancer");
            assertThat(l.get("tls")).isEqualTo(true);
            assertThat(l.get("authentication")).isEqualTo(Map.of("type", "tls"));
        });
        assertThat(dev).extracting(l -> l.get("type")).as("dev listeners").containsOnly("internal");
        assertThat(prod).allSatisfy(l -> assertThat(l.get("authentication")).as("no listener without client auth")
                .isEqualTo(Map.of("type", "tls")));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> listeners(RenderedManifests rendered) {
        GenericKubernetesResource kafka = rendered.findCustom("Kafka", KafkaManifests.CLUSTER).orElseThrow();
        return (List<Map<String, Object>>) ((Map<String, Object>) RenderedManifests.spec(kafka).get("kafka")).get("listeners");
    }
}
