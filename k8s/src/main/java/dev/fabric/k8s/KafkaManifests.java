package dev.fabric.k8s;

import dev.fabric.topics.Topic;
import dev.fabric.topics.Topics;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Renders the Strimzi {@code KafkaTopic} and {@code KafkaUser} resources from the topic catalogue
 * and {@link ServiceAccess}, so the cluster's topics and ACLs cannot drift from the code.
 * {@code KafkaManifestsTest} fails when the committed files differ from a fresh rendering.
 */
public final class KafkaManifests {

    /** Name of the Strimzi {@code Kafka} cluster the resources belong to. */
    public static final String CLUSTER = "fabric";
    /** Replicas per topic in the base; overlays patch it (dev: 1). */
    public static final int REPLICAS = 3;
    static final String HEADER = "# Generated from dev.fabric.topics.Topics and dev.fabric.k8s.ServiceAccess.\n"
            + "# Do not edit: run ./mvnw -pl k8s -am -Pgenerate-manifests process-classes\n";

    private KafkaManifests() {
    }

    public static List<GenericKubernetesResource> topics() {
        List<GenericKubernetesResource> out = new ArrayList<>();
        for (Topic<String, ?> topic : Topics.ALL) {
            Map<String, Object> config = new LinkedHashMap<>(topic.configs());
            config.put("min.insync.replicas", Integer.toString(REPLICAS - 1));
            Map<String, Object> spec = new LinkedHashMap<>();
            spec.put("topicName", topic.name());
            spec.put("partitions", topic.partitions());
            spec.put("replicas", REPLICAS);
            spec.put("config", config);
            out.add(new GenericKubernetesResourceBuilder()
                    .withApiVersion("kafka.strimzi.io/v1beta2").withKind("KafkaTopic")
                    .withNewMetadata().withName(topic.name()).addToLabels("strimzi.io/cluster", CLUSTER)
                    .addToLabels("app.kubernetes.io/part-of", "fabric").endMetadata()
                    .addToAdditionalProperties("spec", spec).build());
        }
        return out;
    }

    public static List<GenericKubernetesResource> users() {
        List<GenericKubernetesResource> out = new ArrayList<>();
        for (ServiceAccess access : ServiceAccess.all()) {
            List<Map<String, Object>> acls = new ArrayList<>();
            Set<String> readOnly = new LinkedHashSet<>();
            access.reads().forEach(t -> readOnly.add(t.name()));
            Set<String> writes = new LinkedHashSet<>();
            access.writes().forEach(t -> writes.add(t.name()));
            for (String topic : readOnly) {
                List<String> ops = writes.contains(topic) ? List.of("Read", "Write", "Describe") : List.of("Read", "Describe");
                acls.add(acl("topic", topic, "literal", ops));
            }
            for (String topic : writes) {
                if (!readOnly.contains(topic)) {
                    acls.add(acl("topic", topic, "literal", List.of("Write", "Describe")));
                }
            }
            acls.add(acl("group", access.groupPrefix(), "prefix", List.of("Read", "Describe")));
            acls.add(acl("transactionalId", access.clientId(), "prefix", List.of("Write", "Describe")));
            if (access.streamsApplication()) {
                // Kafka Streams creates and owns its changelog and repartition topics.
                acls.add(acl("topic", access.clientId() + "-", "prefix", List.of("Create", "Delete", "Read", "Write", "Describe", "DescribeConfigs", "AlterConfigs")));
            }
            acls.add(acl("cluster", null, null, List.of("IdempotentWrite")));
            Map<String, Object> spec = new LinkedHashMap<>();
            spec.put("authentication", Map.of("type", "tls"));
            // An ordered map: Map.of iterates in a per-JVM random order, and the rendering is
            // compared byte for byte with the committed file.
            Map<String, Object> authorization = new LinkedHashMap<>();
            authorization.put("type", "simple");
            authorization.put("acls", acls);
            spec.put("authorization", authorization);
            out.add(new GenericKubernetesResourceBuilder()
                    .withApiVersion("kafka.strimzi.io/v1beta2").withKind("KafkaUser")
                    .withNewMetadata().withName(access.clientId()).addToLabels("strimzi.io/cluster", CLUSTER)
                    .addToLabels("app.kubernetes.io/part-of", "fabric").endMetadata()
                    .addToAdditionalProperties("spec", spec).build());
        }
        return out;
    }

    private static Map<String, Object> acl(String type, String name, String pattern, List<String> operations) {
        Map<String, Object> resource = new LinkedHashMap<>();
        resource.put("type", type);
        if (name != null) {
            resource.put("name", name);
            resource.put("patternType", pattern);
        }
        Map<String, Object> acl = new LinkedHashMap<>();
        acl.put("resource", resource);
        acl.put("operations", operations);
        return acl;
    }

    /** The YAML stream (documents separated by ---) of the given resources. */
    public static String render(List<GenericKubernetesResource> resources) {
        StringBuilder out = new StringBuilder(HEADER);
        for (GenericKubernetesResource resource : resources) {
            String yaml = Serialization.asYaml(resource);
            out.append(yaml.startsWith("---") ? yaml : "---\n" + yaml);
            if (!yaml.endsWith("\n")) {
                out.append('\n');
            }
        }
        return out.toString();
    }

    /** Writes {@code topics.yaml} and {@code users.yaml} into the given folder. */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "k8s/kafka/generated");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("topics.yaml"), render(topics()), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("users.yaml"), render(users()), StandardCharsets.UTF_8);
    }
}
