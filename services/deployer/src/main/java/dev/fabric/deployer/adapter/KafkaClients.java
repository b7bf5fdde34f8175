package dev.fabric.deployer.adapter;

import dev.fabric.deployer.config.DeployerConfig;
import dev.fabric.topics.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Kafka clients used outside the messaging channels. */
@ApplicationScoped
public class KafkaClients {

    @Produces
    @Singleton
    BidArchive bidArchive(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrap, EventCodecs codecs, DeployerConfig config) {
        return new BidArchive(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                bytes -> codecs.decode(Topics.BIDS, bytes), config.market().bidLookback(), Duration.ofSeconds(30));
    }
}
