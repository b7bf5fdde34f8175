package dev.fabric.deployer.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class KafkaClientsTest {

    @Test
    void shouldGiveTheArchiveReadersTheChannelsConnectionSettings() {
        // What SmallRye hands every channel from kafka.* (k8s/operator/deployer/application.properties).
        Map<String, Object> shared = Map.of(
                "bootstrap.servers", "fabric-kafka-bootstrap.fabric.svc:9093",
                "security.protocol", "SSL",
                "ssl.truststore.type", "PKCS12",
                "ssl.truststore.location", "/etc/fabric/kafka-ca/ca.p12",
                "ssl.truststore.password", "ca-secret",
                "ssl.keystore.type", "PKCS12",
                "ssl.keystore.location", "/etc/fabric/kafka-user/user.p12",
                "ssl.keystore.password", "user-secret",
                "group.id", "fabric-deployer-x",
                "acks", "all");

        Map<String, Object> settings = KafkaClients.consumerSettings(shared);

        assertThat(settings).containsOnlyKeys("bootstrap.servers", "security.protocol", "ssl.truststore.type", "ssl.truststore.location",
                "ssl.truststore.password", "ssl.keystore.type", "ssl.keystore.location", "ssl.keystore.password");
        assertThat(settings).containsEntry("security.protocol", "SSL").containsEntry("ssl.keystore.location", "/etc/fabric/kafka-user/user.p12");
    }

    @Test
    void shouldGiveEveryConsumerChannelAShortSession() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = getClass().getResourceAsStream("/application.properties")) {
            properties.load(in);
        }
        List<String> channels = properties.stringPropertyNames().stream()
                .filter(key -> key.startsWith("mp.messaging.incoming.") && key.endsWith(".connector"))
                .map(key -> key.substring("mp.messaging.incoming.".length(), key.length() - ".connector".length()))
                .toList();

        assertThat(channels).containsExactlyInAnyOrder("bids", "awards", "settlements");
        // a deployer killed without leaving its group must not hold its partitions for Kafka's default 45 s
        channels.forEach(channel -> assertThat(properties.getProperty("mp.messaging.incoming." + channel + ".session.timeout.ms"))
                .as(channel).isEqualTo("10000"));
    }
}
