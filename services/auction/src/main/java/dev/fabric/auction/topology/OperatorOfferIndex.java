package dev.fabric.auction.topology;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.state.QueryableStoreType;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.internals.StateStoreProvider;

/**
 * One task's offers by operator ({@code GET /operators/{id}/offers}): a hash index, in memory and not
 * changelogged; the auction processor rebuilds it from the offers store whenever the task starts.
 * A sorted in-memory key-value store did the same job with a tree insert per offer, a quarter of the
 * stream thread's time at a few hundred thousand kept offers; here an offer costs two hash inserts
 * and a query sorts what it returns. The stream thread writes, interactive queries read concurrently.
 */
public final class OperatorOfferIndex implements StateStore, OperatorOffers {

    /** An offer the index points at: its bid and its own reference. */
    public record Entry(String bidRef, String offerRef) {
    }

    /** For {@code KafkaStreams#store}: every local task's index, read as one. */
    public static final QueryableStoreType<OperatorOffers> QUERYABLE = new QueryableStoreType<>() {
        @Override
        public boolean accepts(StateStore store) {
            return store instanceof OperatorOfferIndex;
        }

        @Override
        public OperatorOffers create(StateStoreProvider provider, String storeName) {
            return operatorId -> {
                List<Entry> all = new ArrayList<>();
                for (OperatorOffers task : provider.stores(storeName, this)) {
                    all.addAll(task.offersOf(operatorId));
                }
                all.sort(ORDER);
                return all;
            };
        }
    };

    private static final Comparator<Entry> ORDER = Comparator.comparing(Entry::bidRef).thenComparing(Entry::offerRef);

    private final String name;
    private final Map<String, Set<Entry>> byOperator = new ConcurrentHashMap<>();
    private volatile boolean open;

    private OperatorOfferIndex(String name) {
        this.name = name;
    }

    static StoreBuilder<OperatorOfferIndex> builder(String name) {
        return new Builder(name);
    }

    void add(String operatorId, String bidRef, String offerRef) {
        byOperator.computeIfAbsent(operatorId, id -> ConcurrentHashMap.newKeySet()).add(new Entry(bidRef, offerRef));
    }

    void remove(String operatorId, String bidRef, String offerRef) {
        byOperator.computeIfPresent(operatorId, (id, entries) -> {
            entries.remove(new Entry(bidRef, offerRef));
            return entries.isEmpty() ? null : entries;
        });
    }

    void clear() {
        byOperator.clear();
    }

    /** Offers indexed, over all operators. */
    public long size() {
        return byOperator.values().stream().mapToLong(Set::size).sum();
    }

    @Override
    public List<Entry> offersOf(String operatorId) {
        Set<Entry> entries = byOperator.get(operatorId);
        if (entries == null) {
            return List.of();
        }
        List<Entry> sorted = new ArrayList<>(entries);
        sorted.sort(ORDER);
        return sorted;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        // Nothing to restore: not changelogged, rebuilt by the processor.
        context.register(root, (key, value) -> { });
        open = true;
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        open = false;
        byOperator.clear();
    }

    @Override
    public boolean persistent() {
        return false;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    /** Neither cached nor logged, whatever is asked: there is nothing to fold or restore. */
    private record Builder(String name) implements StoreBuilder<OperatorOfferIndex> {
        @Override
        public StoreBuilder<OperatorOfferIndex> withCachingEnabled() {
            throw new UnsupportedOperationException("the operator index is not cached");
        }

        @Override
        public StoreBuilder<OperatorOfferIndex> withCachingDisabled() {
            return this;
        }

        @Override
        public StoreBuilder<OperatorOfferIndex> withLoggingEnabled(Map<String, String> config) {
            throw new UnsupportedOperationException("the operator index is rebuilt, not changelogged");
        }

        @Override
        public StoreBuilder<OperatorOfferIndex> withLoggingDisabled() {
            return this;
        }

        @Override
        public OperatorOfferIndex build() {
            return new OperatorOfferIndex(name);
        }

        @Override
        public Map<String, String> logConfig() {
            return Map.of();
        }

        @Override
        public boolean loggingEnabled() {
            return false;
        }
    }
}
