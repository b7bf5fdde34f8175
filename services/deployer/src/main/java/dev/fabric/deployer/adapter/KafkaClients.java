package dev.fabric.deployer.adapter;

import dev.fabric.deployer.config.DeployerConfig;
import dev.fabric.topics.Topics;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;

/**
 * Kafka clients used outside the messaging channels. They connect exactly as the channels do:
 * every {@code kafka.*} setting (bootstrap servers, TLS keystores and truststores, SASL), taken
 * from the same {@code default-kafka-broker} configuration SmallRye gives each channel, so a
 * deployer on another cluster reading the grid's TLS listener gets its certificates here too.
 */
@ApplicationScoped
public class KafkaClients {

    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

    @Produces
    @Singleton
    BidArchive bidArchive(@Identifier("default-kafka-broker") Map<String, Object> kafka, EventCodecs codecs, DeployerConfig config) {
        return new BidArchive(consumerSettings(kafka), bytes -> codecs.decode(Topics.BIDS, bytes), config.market().bidLookback(), READ_TIMEOUT);
    }

    @Produces
    @Singleton
    DeploymentHistory deploymentHistory(@Identifier("default-kafka-broker") Map<String, Object> kafka, EventCodecs codecs,
                                        DeployerConfig config) {
        return new DeploymentHistory(consumerSettings(kafka), bytes -> codecs.decode(Topics.DEPLOYMENTS, bytes), config.operatorId(),
                READ_TIMEOUT);
    }

    /**
     * The consumer settings among the shared ones (the rest, e.g. producer settings, would only make
     * the consumer warn). Group-less: these readers commit nothing.
     */
    static Map<String, Object> consumerSettings(Map<String, Object> kafka) {
        Set<String> known = ConsumerConfig.configNames();
        Map<String, Object> settings = new TreeMap<>();
        kafka.forEach((key, value) -> {
            if (known.contains(key) && !key.equals(ConsumerConfig.GROUP_ID_CONFIG)) {
                settings.put(key, value);
            }
        });
        return settings;
    }
}
