package dev.fabric.deployer.adapter;

import dev.fabric.events.serde.EventSerdes;
import dev.fabric.topics.Topic;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Encodes and decodes event values with the topic catalogue's serdes: plain single-object Avro by
 * default, Apicurio Registry's format when {@code apicurio.registry.url} is configured. The Kafka
 * channels carry bytes, so an undecodable record reaches the deployer's code (and the dead-letter
 * topic) instead of failing inside the connector. One serde per topic, built once: building one
 * loads the released schema versions.
 */
@ApplicationScoped
public class EventCodecs {

    private final Map<String, Object> serdeConfig = new HashMap<>();
    private final Map<String, Serde<?>> serdes = new ConcurrentHashMap<>();

    EventCodecs(@ConfigProperty(name = "apicurio.registry.url") Optional<String> registryUrl) {
        registryUrl.ifPresent(url -> serdeConfig.put(EventSerdes.REGISTRY_URL, url));
    }

    /** Decodes a value; throws Kafka's {@code SerializationException} when the bytes are not a {@code V}. */
    public <V extends SpecificRecord> V decode(Topic<String, V> topic, byte[] value) {
        return serde(topic).deserializer().deserialize(topic.name(), value);
    }

    public <V extends SpecificRecord> byte[] encode(Topic<String, V> topic, V value) {
        return serde(topic).serializer().serialize(topic.name(), value);
    }

    @SuppressWarnings("unchecked")
    private <V extends SpecificRecord> Serde<V> serde(Topic<String, V> topic) {
        return (Serde<V>) serdes.computeIfAbsent(topic.name(), name -> topic.valueSerde(serdeConfig));
    }
}
