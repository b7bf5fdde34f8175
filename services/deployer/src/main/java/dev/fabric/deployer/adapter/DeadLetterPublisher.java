package dev.fabric.deployer.adapter;

import dev.fabric.events.dlq.DeadLetters;
import dev.fabric.events.v1.dlq.DeadLetter;
import dev.fabric.topics.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.jboss.logging.Logger;

/**
 * Writes records the deployer cannot process to {@code fabric.dlq} with the reason, the source
 * position and the original bytes, and waits for the broker's ack: the input offset is committed
 * only after its dead letter is durable, so bad input never disappears.
 */
@ApplicationScoped
public class DeadLetterPublisher {

    public static final String SERVICE = "deployer";
    private static final Logger LOG = Logger.getLogger(DeadLetterPublisher.class);

    @Inject
    @Channel("dead-letters")
    MutinyEmitter<Record<String, byte[]>> emitter;

    @Inject
    EventCodecs codecs;

    @Inject
    Clock clock;

    @Inject
    MeterRegistry metrics;

    public void publish(ConsumerRecord<byte[], byte[]> record, String reason, Throwable error) {
        DeadLetter letter = DeadLetters.fromRecord(SERVICE, record, reason, error, clock.instant());
        String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
        emitter.sendAndAwait(Record.of(key, codecs.encode(Topics.DLQ, letter)));
        metrics.counter("fabric.deployer.dead.letters", "topic", record.topic()).increment();
        LOG.warnf("Dead-lettered %s-%d@%d: %s", record.topic(), record.partition(), record.offset(), reason);
    }
}
