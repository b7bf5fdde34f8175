package dev.fabric.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fabric.topics.Topic;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;

/**
 * Optional: the same round trip against a containerised broker, for users with Docker. Skipped
 * where no Docker engine runs; the embedded-broker tests are the ones that always run.
 */
@Testcontainers(disabledWithoutDocker = true)
class ContainerKafkaRoundTripTest {

    @Container
    static final KafkaContainer KAFKA = new KafkaContainer("apache/kafka-native:4.1.1");

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void shouldRoundTripEverySampleThroughAContainerBroker() {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", KAFKA.getBootstrapServers()))) {
            new dev.fabric.topics.TopicProvisioner(admin, (short) 1, Duration.ofSeconds(60)).ensure(dev.fabric.topics.Topics.ALL);
        }
        for (EventSamples.Sample sample : EventSamples.all()) {
            TopicRecords.write(KAFKA.getBootstrapServers(), (Topic) sample.topic(), Map.entry(sample.key(), sample.value()));
        }
        for (EventSamples.Sample sample : EventSamples.all()) {
            assertThat(TopicRecords.readToEnd(KAFKA.getBootstrapServers(), (Topic) sample.topic(), Duration.ofSeconds(30)))
                    .extracting(r -> ((org.apache.kafka.clients.consumer.ConsumerRecord) r).value())
                    .contains(sample.value());
        }
    }
}
