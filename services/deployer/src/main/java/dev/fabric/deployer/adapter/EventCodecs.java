package dev.fabric.deployer.adapter;

import dev.fabric.events.schema.SchemaHistory;
import dev.fabric.topics.Topic;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.SchemaStore;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Encodes and decodes event values as the topic catalogue defines them: plain single-object Avro by
 * default, Apicurio Registry's format when {@code apicurio.registry.url} is configured. The Kafka
 * channels carry bytes, so an undecodable record reaches the deployer's code (and the dead-letter
 * topic) instead of failing inside the connector.
 *
 * <p>Plain decoding uses a model bound to the event classes' own class loader. The generated
 * classes' shared model has none, so Avro would resolve record classes through whatever context
 * class loader the first decoding thread carried and cache the answer; under Quarkus' layered class
 * loaders (dev and test mode) that can be a foreign copy of the classes, and every later record
 * then fails with a ClassCastException.
 */
@ApplicationScoped
public class EventCodecs {

    private final Map<String, Object> serdeConfig = new HashMap<>();
    private final Map<Class<?>, BinaryMessageDecoder<?>> plainDecoders = new ConcurrentHashMap<>();

    EventCodecs(@ConfigProperty(name = "apicurio.registry.url") Optional<String> registryUrl) {
        registryUrl.ifPresent(url -> serdeConfig.put(dev.fabric.events.serde.EventSerdes.REGISTRY_URL, url));
    }

    /** Codecs without a registry (tests, tools). */
    public static EventCodecs plain() {
        return new EventCodecs(Optional.empty());
    }

    /** Decodes a value; throws Kafka's {@code SerializationException} when the bytes are not a {@code V}. */
    public <V extends SpecificRecord> V decode(Topic<String, V> topic, byte[] value) {
        if (dev.fabric.events.serde.EventSerdes.usesRegistry(serdeConfig)) {
            return topic.valueSerde(serdeConfig).deserializer().deserialize(topic.name(), value);
        }
        if (value == null) {
            return null;
        }
        try {
            return topic.valueType().cast(plainDecoder(topic.valueType()).decode(value));
        } catch (java.io.IOException | RuntimeException e) {
            throw new SerializationException("Cannot decode " + topic.valueType().getSimpleName() + " from topic " + topic.name()
                    + " (" + value.length + " bytes): " + e, e);
        }
    }

    public <V extends SpecificRecord> byte[] encode(Topic<String, V> topic, V value) {
        return topic.valueSerde(serdeConfig).serializer().serialize(topic.name(), value);
    }

    private BinaryMessageDecoder<?> plainDecoder(Class<? extends SpecificRecord> type) {
        return plainDecoders.computeIfAbsent(type, t -> {
            SpecificData model = new SpecificData(t.getClassLoader());
            Schema schema = model.getSchema(t);
            SchemaStore.Cache writers = new SchemaStore.Cache();
            // Released versions: records written by an older writer stay readable (single-object encoding names the writer by fingerprint).
            SchemaHistory.releasedVersions(schema.getFullName()).forEach(writers::addSchema);
            return new BinaryMessageDecoder<>(model, schema, writers);
        });
    }
}
