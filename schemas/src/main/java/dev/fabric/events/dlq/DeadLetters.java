package dev.fabric.events.dlq;

import dev.fabric.events.EventIds;
import dev.fabric.events.v1.dlq.DeadLetter;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * Builds {@link DeadLetter} records: what a service writes to {@code fabric.dlq} instead of
 * crashing or dropping input it cannot process. The id is derived from the source position, so a
 * re-processed poison record yields the same dead letter.
 */
public final class DeadLetters {

    private DeadLetters() {
    }

    /** A dead letter for a Kafka record, identified by topic, partition and offset. */
    public static DeadLetter fromKafka(String service, String topic, int partition, long offset, byte[] key, byte[] value,
                                       Headers headers, String reason, Throwable error, Instant now) {
        return DeadLetter.newBuilder()
                .setEventId(EventIds.of("DeadLetter", service, topic, partition, offset))
                .setService(service)
                .setSourceTopic(topic)
                .setPartition(partition)
                .setOffset(offset)
                .setReason(reason)
                .setErrorClass(error == null ? null : error.getClass().getName())
                .setOccurredAt(now)
                .setKey(key == null ? null : ByteBuffer.wrap(key))
                .setPayload(value == null ? null : ByteBuffer.wrap(value))
                .setHeaders(headerMap(headers))
                .build();
    }

    /** A dead letter for a raw Kafka record. */
    public static DeadLetter fromRecord(String service, ConsumerRecord<byte[], byte[]> record, String reason, Throwable error, Instant now) {
        return fromKafka(service, record.topic(), record.partition(), record.offset(), record.key(), record.value(),
                record.headers(), reason, error, now);
    }

    /**
     * A dead letter for input that did not come from Kafka (a WebSocket frame, a REST body), identified
     * by its source and a caller-chosen position (e.g. a hydra-node seq).
     */
    public static DeadLetter fromExternal(String service, String source, String position, byte[] payload, String reason,
                                          Throwable error, Instant now) {
        return DeadLetter.newBuilder()
                .setEventId(EventIds.of("DeadLetter", service, source, position))
                .setService(service)
                .setSourceTopic(source)
                .setReason(reason)
                .setErrorClass(error == null ? null : error.getClass().getName())
                .setOccurredAt(now)
                .setPayload(payload == null ? null : ByteBuffer.wrap(payload))
                .build();
    }

    private static Map<String, ByteBuffer> headerMap(Headers headers) {
        Map<String, ByteBuffer> map = new LinkedHashMap<>();
        if (headers != null) {
            for (Header header : headers) {
                map.put(header.key(), header.value() == null ? ByteBuffer.allocate(0) : ByteBuffer.wrap(header.value()));
            }
        }
        return map;
    }
}
