package dev.fabric.reputation.topology;

import java.time.Duration;
import java.util.function.Function;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.jboss.logging.Logger;

/**
 * Drops an event whose eventId was already seen within the window: a redelivered event (a
 * producer retry, an upstream replay) counts once. The window store forgets ids on its own once
 * they are older than the window, so the memory is bounded.
 */
final class EventIdDedupe<V> implements FixedKeyProcessor<String, V, V> {

    private static final Logger LOG = Logger.getLogger(EventIdDedupe.class);

    private final String storeName;
    private final Function<V, String> eventId;
    private final long windowMs;
    private FixedKeyProcessorContext<String, V> context;
    private WindowStore<String, Long> seen;

    EventIdDedupe(String storeName, Function<V, String> eventId, Duration window) {
        this.storeName = storeName;
        this.eventId = eventId;
        this.windowMs = window.toMillis();
    }

    @Override
    public void init(FixedKeyProcessorContext<String, V> context) {
        this.context = context;
        this.seen = context.getStateStore(storeName);
    }

    @Override
    public void process(FixedKeyRecord<String, V> record) {
        String id = eventId.apply(record.value());
        long at = record.timestamp();
        try (WindowStoreIterator<Long> earlier = seen.fetch(id, Math.max(0, at - windowMs), at + windowMs)) {
            if (earlier.hasNext()) {
                LOG.debugf("duplicate event dropped eventId=%s key=%s", id, record.key());
                return;
            }
        }
        seen.put(id, at, at);
        context.forward(record);
    }
}
