package dev.fabric.auction.topology;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.state.QueryableStoreType;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.internals.StateStoreProvider;

/**
 * One task's kept offers: which operator made each ({@code GET /operators/{id}/offers}, and the
 * processor's "already kept?" check, which would otherwise read RocksDB for every offer). In memory
 * and not changelogged: the auction processor rebuilds it from the offers store whenever the task
 * starts, and it holds exactly that store's keys. One hash insert per offer; a query walks the task's
 * offers (about 10 ms per million) and sorts what it returns. A sorted store did the job with a tree
 * insert per offer (a quarter of the stream thread's time), and an index of sets per operator with two
 * hash inserts (a tenth). The stream thread writes, interactive queries read concurrently.
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
    /** {@link AuctionStores#offerKey} → operatorId. */
    private final Map<String, String> operatorByOffer = new ConcurrentHashMap<>();
    private volatile boolean open;

    private OperatorOfferIndex(String name) {
        this.name = name;
    }

    static StoreBuilder<OperatorOfferIndex> builder(String name) {
        return new Builder(name);
    }

    /** Records a kept offer under its offers-store key. */
    void add(String offerKey, String operatorId) {
        operatorByOffer.put(offerKey, operatorId);
    }

    void remove(String offerKey) {
        operatorByOffer.remove(offerKey);
    }

    /** Whether the offers store holds {@code offerKey}. */
    boolean holds(String offerKey) {
        return operatorByOffer.containsKey(offerKey);
    }

    void clear() {
        operatorByOffer.clear();
    }

    /** Offers indexed, over all operators. */
    public long size() {
        return operatorByOffer.size();
    }

    @Override
    public List<Entry> offersOf(String operatorId) {
        List<Entry> found = new ArrayList<>();
        operatorByOffer.forEach((offerKey, operator) -> {
            if (operator.equals(operatorId)) {
                found.add(new Entry(AuctionStores.bidRefOf(offerKey), AuctionStores.offerRefOf(offerKey)));
            }
        });
        found.sort(ORDER);
        return found;
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
        operatorByOffer.clear();
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
