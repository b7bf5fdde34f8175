package dev.fabric.streams;

import java.time.Clock;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;

/**
 * An output that cannot be serialised is dead-lettered with its source record and the stream
 * continues. Broker-side send errors still fail the task: under exactly-once the transaction is
 * aborted and retried, which is what must happen to money-relevant output.
 */
public final class DeadLetterProductionHandler implements ProductionExceptionHandler {

    private DeadLetterSink sink;

    @Override
    public void configure(Map<String, ?> configs) {
        sink = new DeadLetterSink(configs, Clock.systemUTC());
    }

    @Override
    public ProductionExceptionHandlerResponse handle(ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record, Exception exception) {
        return ProductionExceptionHandlerResponse.FAIL;
    }

    @Override
    @SuppressWarnings("rawtypes")
    public ProductionExceptionHandlerResponse handleSerializationException(ErrorHandlerContext context, ProducerRecord record,
                                                                           Exception exception, SerializationExceptionOrigin origin) {
        boolean written = sink.write(context.topic(), context.partition(), context.offset(), context.sourceRawKey(),
                context.sourceRawValue(), context.headers(),
                "cannot serialise output " + origin.name().toLowerCase() + " for " + record.topic() + ": " + exception, exception);
        return written ? ProductionExceptionHandlerResponse.CONTINUE : ProductionExceptionHandlerResponse.FAIL;
    }
}
