package dev.fabric.deployer.adapter;

import dev.fabric.topics.Topic;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Encodes and decodes event values with the topic catalogue's serdes: plain single-object Avro by
 * default, Apicurio Registry's format when {@code apicurio.registry.url} is configured. The Kafka
 * channels themselves carry bytes, so an undecodable record reaches the deployer's code (and the
 * dead-letter topic) instead of failing inside the connector.
 */
@ApplicationScoped
public class EventCodecs {

    private final Map<String, Object> serdeConfig = new HashMap<>();

    EventCodecs(@ConfigProperty(name = "apicurio.registry.url") Optional<String> registryUrl) {
        registryUrl.ifPresent(url -> serdeConfig.put(dev.fabric.events.serde.EventSerdes.REGISTRY_URL, url));
    }

    /** Decodes a value; throws Kafka's {@code SerializationException} when the bytes are not a {@code V}. */
    public <V extends SpecificRecord> V decode(Topic<String, V> topic, byte[] value) {
        return topic.valueSerde(serdeConfig).deserializer().deserialize(topic.name(), value);
    }

    public <V extends SpecificRecord> byte[] encode(Topic<String, V> topic, V value) {
        return topic.valueSerde(serdeConfig).serializer().serialize(topic.name(), value);
    }

    /** The serde configuration, for clients outside the channels (the bid archive). */
    public Map<String, Object> serdeConfig() {
        return Map.copyOf(serdeConfig);
    }
}
