package dev.fabric.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fabric.events.serde.EventSerdes;
import dev.fabric.events.v1.bid.BidEvent;
import dev.fabric.events.v1.common.ModeKind;
import dev.fabric.topics.Topics;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * With a registry configured, events go through Apicurio Registry in Confluent's wire format and
 * the schema is visible through the Confluent-compatible API. Runs in the {@code registry} Maven
 * profile, active where a Java 21+ JDK exists (the registry's requirement).
 */
@WithEmbeddedKafka
// Apicurio's client (3.1.7) sets no timeout on its HTTP requests: once, on a loaded machine, a request
// never got its response and the build hung. Fail in bounded time instead.
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class ApicurioRegistrySerdeIT {

    private static ApicurioRegistryProcess registry;

    @BeforeAll
    static void startRegistry() {
        registry = ApicurioRegistryProcess.start(Path.of(System.getProperty("registry.home")),
                Path.of(System.getProperty("registry.java.home")), Duration.ofSeconds(90));
    }

    @AfterAll
    static void stopRegistry() {
        if (registry != null) {
            registry.close();
        }
    }

    @Test
    void shouldWriteConfluentWireFormatAndReadBackThroughTheRegistry(EmbeddedKafka kafka) throws Exception {
        Map<String, Object> config = Map.of(EventSerdes.REGISTRY_URL, registry.coreApiUrl());
        Serde<BidEvent> serde = Topics.BIDS.valueSerde(config);
        BidEvent event = EventSamples.bidEvent(EventSamples.ref(77, 0), EventSamples.bidOpened(ModeKind.AUCTION), null, EventSamples.T0);
        Properties props = new Properties();
        props.put("bootstrap.servers", kafka.bootstrapServers());
        try (KafkaProducer<String, BidEvent> producer = new KafkaProducer<>(props, Serdes.String().serializer(), serde.serializer())) {
            producer.send(new ProducerRecord<>(Topics.BIDS.name(), event.getBidRef(), event)).get();
        }

        byte[] raw = readOneRaw(kafka, event.getBidRef());

        assertThat(raw[0]).as("Confluent magic byte").isZero();
        int schemaId = ByteBuffer.wrap(raw, 1, 4).getInt();
        assertThat(schemaId).isPositive();
        assertThat(serde.deserializer().deserialize(Topics.BIDS.name(), raw)).isEqualTo(event);
        assertThat(registry.get("/apis/ccompat/v7/subjects")).contains("fabric.bids-value");
        assertThat(registry.get("/apis/ccompat/v7/schemas/ids/" + schemaId)).contains("BidEvent");
    }

    private static byte[] readOneRaw(EmbeddedKafka kafka, String key) {
        Properties props = new Properties();
        props.put("bootstrap.servers", kafka.bootstrapServers());
        props.put("group.id", "registry-it-" + UUID.randomUUID());
        props.put("auto.offset.reset", "earliest");
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, Serdes.String().deserializer(), Serdes.ByteArray().deserializer())) {
            consumer.subscribe(List.of(Topics.BIDS.name()));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (key.equals(record.key())) {
                        return record.value();
                    }
                }
            }
        }
        throw new AssertionError("record " + key + " not found");
    }
}
