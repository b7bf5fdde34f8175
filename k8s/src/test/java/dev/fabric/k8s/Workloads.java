package dev.fabric.k8s;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the tests expect of the suite's workloads, in one place: names, the installer-made objects
 * docs/DEPLOY.md documents, and the settings each service reads under its own key.
 */
final class Workloads {

    /** Strimzi's secret with the cluster CA (ca.crt, ca.p12, ca.password). */
    static final String CLUSTER_CA_SECRET = KafkaManifests.CLUSTER + "-cluster-ca-cert";
    /** The registry's Kafka identity (k8s/registry/kafka.yaml). */
    static final String REGISTRY_KAFKA_USER = "fabric-schema-registry";
    static final String REGISTRY_DEPLOYMENT = "schema-registry";
    /** The registry's own topics (not in the catalogue). */
    static final Set<String> REGISTRY_TOPICS = Set.of("kafkasql-journal", "kafkasql-snapshots", "registry-events");

    /** Secrets the installer creates (docs/DEPLOY.md, "Secrets"), by the Deployment that mounts them. */
    static final Map<String, String> INSTALLER_SECRETS = Map.of(
            "settlement-arbiter-key", "settlement",
            "fabric-deployer-operator-key", "fabric-deployer");

    /** Site ConfigMaps the installer creates (docs/DEPLOY.md, "Site settings"), by Deployment. */
    static final Map<String, String> SITE_CONFIG_MAPS = Map.of(
            "bid-ingest-site", "bid-ingest",
            "reputation-site", "reputation",
            "settlement-site", "settlement",
            "fabric-deployer-site", "fabric-deployer");

    /** Where each service reads the schema registry's URL (they do not share one key). */
    static final Map<String, List<String>> REGISTRY_URL_KEYS = Map.of(
            "bid-ingest", List.of("fabric.ingest.registry-url"),
            "auction", List.of("kafka-streams.apicurio.registry.url"),
            "reputation", List.of("apicurio.registry.url", "kafka-streams.apicurio.registry.url"),
            "settlement", List.of("kafka-streams.apicurio.registry.url"),
            "fabric-deployer", List.of("apicurio.registry.url"));

    /** One instance at a time, never two during a rollout (docs/DEPLOY.md, "Single active instances"). */
    static final Set<String> SINGLE_ACTIVE = Set.of("bid-ingest", "settlement", "fabric-deployer");
    /** Kafka Streams services that scale out with the bid partitions. */
    static final Set<String> SCALE_OUT = Set.of("auction", "reputation");

    /** The JVM base image of every service image (quarkus.jib.base-jvm-image). */
    static final String BASE_IMAGE = "registry.access.redhat.com/ubi9/openjdk-17-runtime:1.24";
    static final String AVRO_TRUST_FLAG = "-Dorg.apache.avro.SERIALIZABLE_PACKAGES=dev.fabric";

    private Workloads() {
    }

    /** The Deployment that runs a service (the deployer's name carries the grid's prefix: it lives on others' clusters). */
    static String deploymentName(ServiceAccess access) {
        return access.service().equals("deployer") ? "fabric-deployer" : access.service();
    }

    static Optional<ServiceAccess> access(String deploymentName) {
        return ServiceAccess.all().stream().filter(a -> deploymentName(a).equals(deploymentName)).findFirst();
    }

    /** The image Jib builds for a service (quarkus.container-image.group/name:version). */
    static String image(ServiceAccess access) {
        return "fabric/" + access.service() + ":" + System.getProperty("fabric.version", "0.1.0-SNAPSHOT");
    }
}
