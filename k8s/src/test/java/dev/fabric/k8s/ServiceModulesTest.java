package dev.fabric.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fabric.topics.Topic;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each service module against its manifests: the Jib image configuration (this machine cannot pull
 * a base image, so the configuration is what is checked, not a built image), the image the
 * Deployment runs, and the Kafka identity the ACLs assume.
 */
class ServiceModulesTest {

    static Stream<String> services() {
        return ServiceAccess.all().stream().map(ServiceAccess::service);
    }

    @ParameterizedTest
    @MethodSource("services")
    void shouldBuildItsImageWithJibFromTheDocumentedBase(String service) throws IOException {
        Properties properties = packagedProperties(service);
        String pom = Files.readString(module(service).resolve("pom.xml"));

        assertThat(pom).as(service + "/pom.xml").contains("<artifactId>quarkus-container-image-jib</artifactId>");
        assertThat(properties.getProperty("quarkus.container-image.group")).as(service).isEqualTo("fabric");
        assertThat(properties.getProperty("quarkus.container-image.name")).as(service).isEqualTo(service);
        assertThat(properties.getProperty("quarkus.jib.base-jvm-image")).as(service).isEqualTo(Workloads.BASE_IMAGE);
        assertThat(properties.getProperty("quarkus.jib.jvm-additional-arguments")).as(service).contains(Workloads.AVRO_TRUST_FLAG);
        assertThat(properties.getProperty("quarkus.container-image.build")).as(service + ": images are built on request only")
                .isIn(null, "false");
    }

    @ParameterizedTest
    @MethodSource("services")
    void shouldRunTheImageJibBuildsAsItsNonRootUser(String service) throws IOException {
        Properties properties = packagedProperties(service);
        ServiceAccess access = access(service);
        Deployment deployment = deploymentOf(access);
        String user = properties.getProperty("quarkus.jib.user");

        assertThat(user).as(service + ": quarkus.jib.user").matches("[1-9][0-9]*");
        assertThat(ServiceWiringTest.container(deployment).getImage()).isEqualTo(Workloads.image(access));
        assertThat(deployment.getSpec().getTemplate().getSpec().getSecurityContext().getRunAsUser())
                .as(service + ": the pod runs as the image's user").isEqualTo(Long.parseLong(user));
    }

    @ParameterizedTest
    @MethodSource("services")
    void shouldUseTheKafkaIdentityItsAclsGrant(String service) throws IOException {
        Properties properties = packagedProperties(service);
        ServiceAccess access = access(service);
        String applicationId = properties.getProperty("quarkus.kafka-streams.application-id");

        assertThat(applicationId != null).as(service + " is a Kafka Streams app").isEqualTo(access.streamsApplication());
        if (applicationId != null) {
            // Streams names its group, transactional ids and internal topics after the application id.
            assertThat(applicationId).isEqualTo(access.clientId());
        }
        List<String> groups = properties.stringPropertyNames().stream().filter(k -> k.endsWith(".group.id"))
                .map(properties::getProperty).toList();
        assertThat(groups).as(service + ": consumer groups").allSatisfy(g -> assertThat(g).startsWith(access.groupPrefix()));
    }

    @ParameterizedTest
    @MethodSource("services")
    void shouldBeGrantedEveryTopicItNamesInItsConfiguration(String service) throws IOException {
        Properties properties = packagedProperties(service);
        ServiceAccess access = access(service);
        Set<String> reads = access.reads().stream().map(Topic::name).collect(Collectors.toSet());
        Set<String> writes = access.writes().stream().map(Topic::name).collect(Collectors.toSet());
        Set<String> granted = new HashSet<>(reads);
        granted.addAll(writes);

        // Streams waits until it can see these (Describe), so its KafkaUser must cover them.
        String streamsTopics = properties.getProperty("quarkus.kafka-streams.topics", "");
        assertThat(Arrays.stream(streamsTopics.split(",")).map(String::trim).filter(t -> !t.isEmpty()))
                .as(service + ": quarkus.kafka-streams.topics").allSatisfy(t -> assertThat(granted).contains(t));
        for (String key : properties.stringPropertyNames()) {
            if (key.startsWith("mp.messaging.incoming.") && key.endsWith(".topic")) {
                assertThat(reads).as(service + ": " + key).contains(properties.getProperty(key));
            }
            if (key.startsWith("mp.messaging.outgoing.") && key.endsWith(".topic")) {
                assertThat(writes).as(service + ": " + key).contains(properties.getProperty(key));
            }
        }
    }

    @Test
    void shouldNameTheBaseImageInDeployMd() throws IOException {
        assertThat(Files.readString(Kustomize.ROOT.resolve("docs/DEPLOY.md"))).contains(Workloads.BASE_IMAGE, Workloads.AVRO_TRUST_FLAG);
    }

    private static Deployment deploymentOf(ServiceAccess access) {
        String dir = access.service().equals("deployer") ? "operator" : "overlays/prod";
        return Kustomize.render(dir).deployment(Workloads.deploymentName(access)).orElseThrow();
    }

    private static ServiceAccess access(String service) {
        return ServiceAccess.all().stream().filter(a -> a.service().equals(service)).findFirst().orElseThrow();
    }

    private static Path module(String service) {
        Path module = Kustomize.ROOT.resolve("services").resolve(service);
        assertThat(module).as("services/" + service + " module").isDirectory();
        return module;
    }

    private static Properties packagedProperties(String service) throws IOException {
        return EffectiveConfig.load(Files.readString(module(service).resolve("src/main/resources/application.properties")));
    }
}
