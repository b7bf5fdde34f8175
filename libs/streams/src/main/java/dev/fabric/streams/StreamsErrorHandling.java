package dev.fabric.streams;

import java.util.Map;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The exception-handler configuration every Fabric Streams service uses: a record that cannot be
 * deserialised, processed or serialised is written to {@code fabric.dlq} and the stream thread
 * goes on (it fails only if the dead letter itself cannot be written).
 */
public final class StreamsErrorHandling {

    /** Streams config key naming the service in dead letters. */
    public static final String SERVICE_CONFIG = "fabric.service";

    private StreamsErrorHandling() {
    }

    public static Map<String, Object> properties(String service) {
        return Map.of(
                SERVICE_CONFIG, service,
                StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterDeserializationHandler.class.getName(),
                StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterProcessingHandler.class.getName(),
                StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterProductionHandler.class.getName());
    }
}
