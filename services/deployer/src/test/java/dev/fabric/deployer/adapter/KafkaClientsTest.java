package dev.fabric.deployer.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
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
}
