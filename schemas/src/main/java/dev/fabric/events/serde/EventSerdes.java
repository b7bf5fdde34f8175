package dev.fabric.events.serde;

import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import io.apicurio.registry.serde.avro.AvroSerdeConfig;
import io.apicurio.registry.serde.config.SerdeConfig;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Picks the value serde for an event type from configuration: the plain single-object serde by
 * default (tests, local grid), or Apicurio Registry's serde when {@value #REGISTRY_URL} is set.
 * Apicurio writes Confluent's wire format (magic byte + 4-byte schema id), so Confluent-compatible
 * consumers can read our topics through the registry's {@code /apis/ccompat/v7} API.
 */
public final class EventSerdes {

    /** Base URL of the registry's core API, e.g. {@code http://registry:8080/apis/registry/v3}. */
    public static final String REGISTRY_URL = SerdeConfig.REGISTRY_URL;

    private EventSerdes() {
    }

    /** Whether the configuration selects the registry serde. */
    public static boolean usesRegistry(Map<String, ?> config) {
        Object url = config.get(REGISTRY_URL);
        return url != null && !url.toString().isBlank();
    }

    /** A configured value serde for {@code type}. */
    public static <T extends SpecificRecord> Serde<T> valueSerde(Class<T> type, Map<String, ?> config) {
        if (!usesRegistry(config)) {
            return new AvroSingleObjectSerde<>(type);
        }
        Map<String, Object> registry = new HashMap<>(config);
        registry.putIfAbsent(SerdeConfig.AUTO_REGISTER_ARTIFACT, "true");
        registry.putIfAbsent(AvroSerdeConfig.USE_SPECIFIC_AVRO_READER, "true");
        registry.putIfAbsent(SerdeConfig.DESERIALIZER_SPECIFIC_VALUE_RETURN_CLASS, type.getName());
        AvroKafkaSerializer<T> serializer = new AvroKafkaSerializer<>();
        AvroKafkaDeserializer<T> deserializer = new AvroKafkaDeserializer<>();
        serializer.configure(registry, false);
        deserializer.configure(registry, false);
        return Serdes.serdeFrom(serializer, deserializer);
    }
}
