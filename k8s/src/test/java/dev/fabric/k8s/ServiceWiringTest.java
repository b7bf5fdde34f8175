package dev.fabric.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * How each Fabric service is wired in the installable kustomizations: its own Kafka identity on the
 * TLS listener, its stores on an emptyDir, the schema registry (all or none), the secrets and site
 * settings it is given, and the Service, PodDisruptionBudget, ServiceAccount, probes and metrics
 * around it.
 */
class ServiceWiringTest {

    private static final String STREAMS_STATE_DIR = "kafka-streams.state.dir";

    @ParameterizedTest
    @ValueSource(strings = {"overlays/dev", "overlays/prod"})
    void shouldRunEveryServiceOfTheGrid(String dir) {
        RenderedManifests rendered = Kustomize.render(dir);

        assertThat(rendered.deployments().stream().map(d -> d.getMetadata().getName()))
                .as(dir).contains("bid-ingest", "auction", "reputation", "settlement");
    }

    @ParameterizedTest
    @ValueSource(strings = {"overlays/dev", "overlays/prod", "operator"})
    void shouldConnectEveryServiceToTheTlsListenerAsItsOwnKafkaUser(String dir) {
        RenderedManifests rendered = Kustomize.render(dir);
        int tlsPort = tlsListenerPort();
        String bootstrapService = KafkaManifests.CLUSTER + "-kafka-bootstrap";
        SoftAssertions softly = new SoftAssertions();
        for (Deployment deployment : fabricServices(rendered)) {
            ServiceAccess access = Workloads.access(deployment.getMetadata().getName()).orElseThrow();
            String at = dir + " " + deployment.getMetadata().getName();
            EffectiveConfig config = EffectiveConfig.of(rendered, deployment);
            softly.assertThat(config.problems()).as(at + ": config files").isEmpty();

            softly.assertThat(config.get("kafka.bootstrap.servers").orElse("(unset)")).as(at + ": kafka.bootstrap.servers")
                    .isIn(bootstrapService + ":" + tlsPort, bootstrapService + ".fabric.svc:" + tlsPort);
            List<String> prefixes = access.streamsApplication() ? List.of("kafka.", "kafka-streams.") : List.of("kafka.");
            for (String prefix : prefixes) {
                checkTlsClient(softly, at, deployment, config, prefix, access.clientId());
            }
            if (access.streamsApplication()) {
                softly.assertThat(config.get("quarkus.kafka-streams.bootstrap-servers")).as(at + ": Streams bootstrap")
                        .contains("${kafka.bootstrap.servers}");
            }
            if (rendered.custom("Kafka").isEmpty()) {
                continue;
            }
            Optional<GenericKubernetesResource> user = rendered.findCustom("KafkaUser", access.clientId());
            softly.assertThat(user).as(at + ": KafkaUser " + access.clientId()).isPresent();
            user.ifPresent(u -> softly.assertThat(RenderedManifests.spec(u).get("authentication"))
                    .as(at + ": KafkaUser authentication").isEqualTo(Map.of("type", "tls")));
        }
        softly.assertAll();
    }

    @Test
    void shouldConnectTheRegistryToTheTlsListenerAsItsOwnKafkaUser() {
        RenderedManifests rendered = Kustomize.render("overlays/prod");
        Deployment registry = rendered.deployment(Workloads.REGISTRY_DEPLOYMENT).orElseThrow();
        Container container = registry.getSpec().getTemplate().getSpec().getContainers().get(0);
        Map<String, String> env = rendered.configMap(container.getEnvFrom().get(0).getConfigMapRef().getName())
                .orElseThrow().getData();

        assertThat(env).containsEntry("APICURIO_KAFKASQL_BOOTSTRAP_SERVERS", KafkaManifests.CLUSTER + "-kafka-bootstrap:" + tlsListenerPort())
                .containsEntry("APICURIO_KAFKASQL_SECURITY_PROTOCOL", "SSL")
                .containsEntry("APICURIO_STORAGE_KIND", "kafkasql");
        assertThat(secretVolumeAt(registry, env.get("APICURIO_KAFKASQL_SECURITY_SSL_KEYSTORE_LOCATION"))).contains(Workloads.REGISTRY_KAFKA_USER);
        assertThat(secretVolumeAt(registry, env.get("APICURIO_KAFKASQL_SECURITY_SSL_TRUSTSTORE_LOCATION"))).contains(Workloads.CLUSTER_CA_SECRET);
        assertThat(secretKey(container, "APICURIO_KAFKASQL_SECURITY_SSL_KEYSTORE_PASSWORD")).contains(Workloads.REGISTRY_KAFKA_USER + "/user.password");
        assertThat(secretKey(container, "APICURIO_KAFKASQL_SECURITY_SSL_TRUSTSTORE_PASSWORD")).contains(Workloads.CLUSTER_CA_SECRET + "/ca.password");
        assertThat(rendered.findCustom("KafkaUser", Workloads.REGISTRY_KAFKA_USER)).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"overlays/dev", "overlays/prod"})
    void shouldKeepStreamsStoresOnAnEmptyDirAndAdvertiseThePodIp(String dir) {
        RenderedManifests rendered = Kustomize.render(dir);
        SoftAssertions softly = new SoftAssertions();
        for (Deployment deployment : fabricServices(rendered)) {
            ServiceAccess access = Workloads.access(deployment.getMetadata().getName()).orElseThrow();
            if (!access.streamsApplication()) {
                continue;
            }
            String at = dir + " " + deployment.getMetadata().getName();
            EffectiveConfig config = EffectiveConfig.of(rendered, deployment);
            Optional<String> stateDir = config.get(STREAMS_STATE_DIR);
            softly.assertThat(stateDir).as(at + ": " + STREAMS_STATE_DIR).isPresent();
            stateDir.ifPresent(path -> softly.assertThat(volumeAt(deployment, path).map(v -> v.getEmptyDir() != null))
                    .as(at + ": the state dir is an emptyDir mount").contains(true));
            if (Workloads.SCALE_OUT.contains(deployment.getMetadata().getName())) {
                Container container = container(deployment);
                softly.assertThat(config.get("quarkus.kafka-streams.application-server")).as(at + ": application server")
                        .contains("${POD_IP}:8080");
                softly.assertThat(EffectiveConfig.env(container, "POD_IP").map(e -> e.getValueFrom().getFieldRef().getFieldPath()))
                        .as(at + ": POD_IP").contains("status.podIP");
            }
        }
        softly.assertAll();
    }

    @Test
    void shouldUseTheSchemaRegistryInProdOnly() {
        assertThat(registryUrls(Kustomize.render("overlays/dev"))).as("dev is registry-free (single-object encoding)")
                .allSatisfy((service, url) -> assertThat(url).as(service).isEmpty());

        RenderedManifests prod = Kustomize.render("overlays/prod");
        Map<String, Optional<String>> urls = registryUrls(prod);
        assertThat(urls).isNotEmpty().allSatisfy((service, url) -> assertThat(url).as(service).isPresent());
        Set<String> distinct = urls.values().stream().map(Optional::orElseThrow).collect(Collectors.toSet());
        assertThat(distinct).as("one registry for every service: mixed encodings cannot read each other").hasSize(1);
        URI url = URI.create(distinct.iterator().next());
        assertThat(url.getPath()).isEqualTo("/apis/registry/v3");
        assertThat(prod.find(Service.class, url.getHost())).as("a Service named " + url.getHost()).isPresent();
        assertThat(prod.deployment(Workloads.REGISTRY_DEPLOYMENT)).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"overlays/dev", "overlays/prod", "operator"})
    void shouldMountOnlyTheSecretsAServiceOwns(String dir) {
        RenderedManifests rendered = Kustomize.render(dir);
        SoftAssertions softly = new SoftAssertions();
        for (Deployment deployment : rendered.deployments()) {
            String name = deployment.getMetadata().getName();
            String ownKafkaUser = name.equals(Workloads.REGISTRY_DEPLOYMENT) ? Workloads.REGISTRY_KAFKA_USER
                    : Workloads.access(name).map(ServiceAccess::clientId).orElse("(none)");
            Set<String> allowed = new HashSet<>(Set.of(ownKafkaUser, Workloads.CLUSTER_CA_SECRET));
            Workloads.INSTALLER_SECRETS.forEach((secret, owner) -> {
                if (owner.equals(name)) {
                    allowed.add(secret);
                }
            });
            softly.assertThat(secretsReferenced(deployment)).as(dir + " " + name + ": secrets it reads").isSubsetOf(allowed);
        }
        softly.assertAll();
    }

    @ParameterizedTest
    @ValueSource(strings = {"overlays/dev", "overlays/prod", "operator"})
    void shouldReadSiteSettingsOnlyFromTheDocumentedConfigMaps(String dir) {
        RenderedManifests rendered = Kustomize.render(dir);
        SoftAssertions softly = new SoftAssertions();
        for (Deployment deployment : fabricServices(rendered)) {
            String name = deployment.getMetadata().getName();
            Set<String> expected = Workloads.SITE_CONFIG_MAPS.entrySet().stream()
                    .filter(e -> e.getValue().equals(name)).map(Map.Entry::getKey).collect(Collectors.toSet());
            softly.assertThat(EffectiveConfig.of(rendered, deployment).externalConfigMaps())
                    .as(dir + " " + name + ": ConfigMaps the installer provides").containsExactlyInAnyOrderElementsOf(expected);
        }
        softly.assertAll();
    }

    @Test
    void shouldDocumentEverySecretAndSiteConfigMapTheInstallerCreates() throws IOException {
        String deploy = Files.readString(Kustomize.ROOT.resolve("docs/DEPLOY.md"));

        assertThat(Stream.concat(Workloads.INSTALLER_SECRETS.keySet().stream(), Workloads.SITE_CONFIG_MAPS.keySet().stream()))
                .allSatisfy(name -> assertThat(deploy).as("docs/DEPLOY.md names " + name).contains(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"overlays/dev", "overlays/prod", "operator"})
    void shouldExposeHealthMetricsAndAServiceForEveryFabricService(String dir) {
        RenderedManifests rendered = Kustomize.render(dir);
        SoftAssertions softly = new SoftAssertions();
        for (Deployment deployment : fabricServices(rendered)) {
            String at = dir + " " + deployment.getMetadata().getName();
            Container container = container(deployment);
            EffectiveConfig config = EffectiveConfig.of(rendered, deployment);
            softly.assertThat(config.get("quarkus.http.port")).as(at + ": quarkus.http.port").contains("8080");
            softly.assertThat(container.getPorts()).as(at + ": ports")
                    .anySatisfy(p -> assertThat(p.getName() + ":" + p.getContainerPort()).isEqualTo("http:8080"));
            softly.assertThat(container.getLivenessProbe().getHttpGet().getPath()).as(at + ": liveness").isEqualTo("/q/health/live");
            softly.assertThat(container.getReadinessProbe().getHttpGet().getPath()).as(at + ": readiness").isEqualTo("/q/health/ready");
            softly.assertThat(deployment.getSpec().getTemplate().getMetadata().getAnnotations()).as(at + ": Prometheus annotations")
                    .containsEntry("prometheus.io/scrape", "true")
                    .containsEntry("prometheus.io/path", "/q/metrics")
                    .containsEntry("prometheus.io/port", "8080");
        }
        softly.assertAll();
    }

    @ParameterizedTest
    @ValueSource(strings = {"overlays/dev", "overlays/prod", "operator"})
    void shouldGiveEveryDeploymentAServiceAccountADisruptionBudgetAndAService(String dir) {
        RenderedManifests rendered = Kustomize.render(dir);
        SoftAssertions softly = new SoftAssertions();
        for (Deployment deployment : rendered.deployments()) {
            String name = deployment.getMetadata().getName();
            PodSpec pod = deployment.getSpec().getTemplate().getSpec();
            Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();
            softly.assertThat(podLabels).as(dir + " " + name + ": pod labels match the selector")
                    .containsAllEntriesOf(deployment.getSpec().getSelector().getMatchLabels());
            softly.assertThat(rendered.serviceAccounts().stream().map(sa -> sa.getMetadata().getName()))
                    .as(dir + " " + name + ": its own ServiceAccount").contains(pod.getServiceAccountName());
            softly.assertThat(rendered.deployments().stream().filter(d -> d != deployment)
                            .map(d -> d.getSpec().getTemplate().getSpec().getServiceAccountName()))
                    .as(dir + " " + name + ": ServiceAccount shared with another Deployment").doesNotContain(pod.getServiceAccountName());
            boolean callsTheApi = name.equals("fabric-deployer");
            softly.assertThat(pod.getAutomountServiceAccountToken()).as(dir + " " + name + ": API token mounted")
                    .isEqualTo(callsTheApi);
            List<PodDisruptionBudget> budgets = rendered.podDisruptionBudgets().stream()
                    .filter(b -> podLabels.entrySet().containsAll(b.getSpec().getSelector().getMatchLabels().entrySet())).toList();
            softly.assertThat(budgets).as(dir + " " + name + ": PodDisruptionBudget").hasSize(1);
            budgets.forEach(b -> softly.assertThat(b.getSpec().getMaxUnavailable()).as(dir + " " + name + ": maxUnavailable").isNotNull());
            softly.assertThat(rendered.services()).as(dir + " " + name + ": Service")
                    .anySatisfy(s -> assertThat(podLabels.entrySet()).containsAll(s.getSpec().getSelector().entrySet()));
        }
        softly.assertAll();
    }

    private static void checkTlsClient(SoftAssertions softly, String at, Deployment deployment, EffectiveConfig config,
                                       String prefix, String kafkaUser) {
        Container container = container(deployment);
        softly.assertThat(config.get(prefix + "security.protocol")).as(at + ": " + prefix + "security.protocol").contains("SSL");
        softly.assertThat(config.get(prefix + "ssl.keystore.type")).as(at + ": " + prefix + "ssl.keystore.type").contains("PKCS12");
        softly.assertThat(config.get(prefix + "ssl.truststore.type")).as(at + ": " + prefix + "ssl.truststore.type").contains("PKCS12");
        softly.assertThat(config.get(prefix + "ssl.keystore.location").flatMap(path -> secretFileAt(deployment, path)))
                .as(at + ": " + prefix + "ssl.keystore.location is the KafkaUser's certificate").contains(kafkaUser + "/user.p12");
        softly.assertThat(config.get(prefix + "ssl.truststore.location").flatMap(path -> secretFileAt(deployment, path)))
                .as(at + ": " + prefix + "ssl.truststore.location is the cluster CA").contains(Workloads.CLUSTER_CA_SECRET + "/ca.p12");
        softly.assertThat(config.get(prefix + "ssl.keystore.password").flatMap(v -> envReference(v)).flatMap(v -> secretKey(container, v)))
                .as(at + ": " + prefix + "ssl.keystore.password").contains(kafkaUser + "/user.password");
        softly.assertThat(config.get(prefix + "ssl.truststore.password").flatMap(v -> envReference(v)).flatMap(v -> secretKey(container, v)))
                .as(at + ": " + prefix + "ssl.truststore.password").contains(Workloads.CLUSTER_CA_SECRET + "/ca.password");
    }

    /** The port of the Kafka cluster's internal listener with TLS and TLS client authentication. */
    @SuppressWarnings("unchecked")
    static int tlsListenerPort() {
        GenericKubernetesResource kafka = Kustomize.render("kafka").findCustom("Kafka", KafkaManifests.CLUSTER).orElseThrow();
        List<Map<String, Object>> listeners = (List<Map<String, Object>>) ((Map<String, Object>) RenderedManifests.spec(kafka).get("kafka")).get("listeners");
        return listeners.stream()
                .filter(l -> Boolean.TRUE.equals(l.get("tls")) && "internal".equals(l.get("type")))
                .filter(l -> Map.of("type", "tls").equals(l.get("authentication")))
                .map(l -> ((Number) l.get("port")).intValue())
                .findFirst().orElseThrow(() -> new AssertionError("k8s/kafka/kafka.yaml has no internal TLS listener with TLS client auth"));
    }

    /** The Fabric services (ServiceAccess) among the render's Deployments. */
    static List<Deployment> fabricServices(RenderedManifests rendered) {
        return rendered.deployments().stream().filter(d -> Workloads.access(d.getMetadata().getName()).isPresent()).toList();
    }

    static Container container(Deployment deployment) {
        return deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
    }

    private static Map<String, Optional<String>> registryUrls(RenderedManifests rendered) {
        Map<String, Optional<String>> urls = new TreeMap<>();
        for (Deployment deployment : fabricServices(rendered)) {
            String name = deployment.getMetadata().getName();
            EffectiveConfig config = EffectiveConfig.of(rendered, deployment);
            List<Optional<String>> values = Workloads.REGISTRY_URL_KEYS.get(name).stream().map(config::get).toList();
            assertThat(values.stream().distinct()).as(name + ": its registry keys " + Workloads.REGISTRY_URL_KEYS.get(name) + " agree").hasSize(1);
            urls.put(name, values.get(0));
        }
        return urls;
    }

    /** {@code ${NAME}} -> NAME */
    private static Optional<String> envReference(String value) {
        return value.startsWith("${") && value.endsWith("}") ? Optional.of(value.substring(2, value.length() - 1)) : Optional.empty();
    }

    /** "secret/key" an env var is read from, if it comes from a Secret. */
    static Optional<String> secretKey(Container container, String env) {
        return EffectiveConfig.env(container, env).map(EnvVar::getValueFrom).map(v -> v.getSecretKeyRef())
                .map(ref -> ref.getName() + "/" + ref.getKey());
    }

    private static Optional<Volume> volumeAt(Deployment deployment, String path) {
        PodSpec pod = deployment.getSpec().getTemplate().getSpec();
        return container(deployment).getVolumeMounts().stream()
                .filter(m -> path.equals(m.getMountPath()) || path.startsWith(m.getMountPath() + "/"))
                .map(VolumeMount::getName).findFirst()
                .flatMap(name -> pod.getVolumes().stream().filter(v -> v.getName().equals(name)).findFirst());
    }

    /** The Secret a file path is mounted from. */
    private static Optional<String> secretVolumeAt(Deployment deployment, String path) {
        return volumeAt(deployment, path).filter(v -> v.getSecret() != null).map(v -> v.getSecret().getSecretName());
    }

    /** "secret/key" a file path is mounted from. */
    private static Optional<String> secretFileAt(Deployment deployment, String path) {
        String file = path.substring(path.lastIndexOf('/') + 1);
        return volumeAt(deployment, path).filter(v -> v.getSecret() != null)
                .filter(v -> v.getSecret().getItems() == null
                        || v.getSecret().getItems().stream().anyMatch(i -> i.getPath().equals(file)))
                .map(v -> v.getSecret().getSecretName() + "/" + file);
    }

    private static Set<String> secretsReferenced(Deployment deployment) {
        PodSpec pod = deployment.getSpec().getTemplate().getSpec();
        Stream<String> volumes = pod.getVolumes().stream().filter(v -> v.getSecret() != null).map(v -> v.getSecret().getSecretName());
        Stream<String> env = pod.getContainers().stream().flatMap(c -> c.getEnv() == null ? Stream.empty() : c.getEnv().stream())
                .map(EnvVar::getValueFrom).filter(Objects::nonNull).map(v -> v.getSecretKeyRef()).filter(Objects::nonNull)
                .map(SecretKeySelector::getName);
        Stream<String> envFrom = pod.getContainers().stream().flatMap(c -> c.getEnvFrom() == null ? Stream.empty() : c.getEnvFrom().stream())
                .filter(e -> e.getSecretRef() != null).map(e -> e.getSecretRef().getName());
        return Stream.of(volumes, env, envFrom).flatMap(s -> s).collect(Collectors.toSet());
    }
}
