package dev.fabric.settlement.topology;

import dev.fabric.settlement.domain.BidSettlement;
import dev.fabric.settlement.domain.LeaseTerms;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Settlement's state stores. All are changelogged: a restarted or moved task comes back exactly
 * as the last committed transaction left it, which is what makes "submitted, not yet confirmed"
 * survive a crash.
 */
public final class SettlementStores {

    /** bidRef → {@link BidSettlement}. */
    public static final String BIDS = "settlement-bids-store";
    /** {@code <13-digit epoch ms>|bidRef} → "": when each bid next needs a look, in time order. */
    public static final String TIMERS = "settlement-timers-store";
    /** "watermark" → newest head-derived event time (epoch ms) the task has seen. */
    public static final String CLOCK = "settlement-clock-store";
    /** Per head partition: open bid outputs, bidRef → escrowed lovelace. */
    public static final String ESCROWS = "settlement-escrows-store";
    /** Per head partition: open Lease outputs, leaseRef → {@link LeaseTerms}. */
    public static final String LEASES = "settlement-leases-store";

    /** Stores of the settlement processor (bid-keyed tasks). */
    public static final List<String> BID_STORES = List.of(BIDS, TIMERS, CLOCK);
    /** Stores of the chain reader (head-keyed tasks). */
    public static final List<String> CHAIN_STORES = List.of(ESCROWS, LEASES);

    static final String WATERMARK = "watermark";
    private static final char SEPARATOR = '|';
    private static final int MILLIS_DIGITS = 13;

    /** RocksDB in the service; in-memory (same changelogs) spares TopologyTestDriver tests the flushes. */
    public enum Backing {
        ROCKSDB,
        IN_MEMORY
    }

    private SettlementStores() {
    }

    static List<StoreBuilder<?>> builders(Backing backing) {
        return List.of(
                store(BIDS, StateCodec.settlementSerde(), backing),
                store(TIMERS, Serdes.String(), backing),
                store(CLOCK, Serdes.Long(), backing),
                store(ESCROWS, Serdes.Long(), backing),
                store(LEASES, StateCodec.leaseSerde(), backing));
    }

    private static <V> StoreBuilder<KeyValueStore<String, V>> store(String name, Serde<V> values, Backing backing) {
        return Stores.keyValueStoreBuilder(backing == Backing.ROCKSDB ? Stores.persistentKeyValueStore(name)
                : Stores.inMemoryKeyValueStore(name), Serdes.String(), values);
    }

    static String timerKey(Instant at, String bidRef) {
        return String.format("%0" + MILLIS_DIGITS + "d", Math.max(0, at.toEpochMilli())) + SEPARATOR + bidRef;
    }

    /** The first key after every timer due at or before {@code at}. */
    static String timerKeyAfter(Instant at) {
        return String.format("%0" + MILLIS_DIGITS + "d", Math.max(0, at.toEpochMilli())) + (char) (SEPARATOR + 1);
    }

    static Instant timerTime(String key) {
        return Instant.ofEpochMilli(Long.parseLong(key.substring(0, MILLIS_DIGITS)));
    }

    static String timerBid(String key) {
        return key.substring(MILLIS_DIGITS + 1);
    }
}
