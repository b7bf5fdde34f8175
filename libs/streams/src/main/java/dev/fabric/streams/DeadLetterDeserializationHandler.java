package dev.fabric.streams;

import java.time.Clock;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;

/** Dead-letters records a typed source (e.g. a GlobalKTable) cannot deserialise, then continues. */
public final class DeadLetterDeserializationHandler implements DeserializationExceptionHandler {

    private DeadLetterSink sink;

    @Override
    public void configure(Map<String, ?> configs) {
        sink = new DeadLetterSink(configs, Clock.systemUTC());
    }

    @Override
    public DeserializationHandlerResponse handle(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
        boolean written = sink.write(record.topic(), record.partition(), record.offset(), record.key(), record.value(),
                record.headers(), "cannot deserialise: " + exception.getMessage(), exception);
        return written ? DeserializationHandlerResponse.CONTINUE : DeserializationHandlerResponse.FAIL;
    }
}
