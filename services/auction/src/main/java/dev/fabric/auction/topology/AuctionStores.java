package dev.fabric.auction.topology;

import dev.fabric.auction.domain.AuctionState;
import dev.fabric.auction.domain.Offer;
import dev.fabric.auction.domain.ScoreHistory;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The auction's state stores: names (shared with the REST queries and tests), key layouts and
 * builders. All task stores are persistent and changelogged, so a restarted or moved task resumes
 * exactly where the last committed transaction left it (the operator index excepted: it is derived
 * from the offers store when a task starts). When each bid is due is not stored apart: every state
 * names its own due instant, and the processor keeps the due order in memory, rebuilt from the bids
 * store when a task starts (a timer store cost a put, a delete and two changelog records per bid).
 * No store uses the record cache. It would fold the clock's rewrites into one changelog record per
 * commit, but it holds those records back until the commit, so every transaction met the clock's and
 * the bids' changelog partitions only in its flush, which then waited for the coordinator to add them
 * before it could send: measured on bench/auction, the flush took 7.5 ms per commit instead of 3.9,
 * the live close → decision p99 was 84-98 ms instead of 56-60, and the drain was no faster with it.
 * The clock's changelog, one small record per input record that moves it, rolls small segments so
 * compaction keeps what a restore reads to its two keys per task.
 */
public final class AuctionStores {

    /** bidRef → {@link AuctionState}. */
    public static final String BIDS = "auction-bids-store";
    /** {@code bidRef|offerRef} → {@link Offer}: the offers kept for each bid. */
    public static final String OFFERS = "auction-offers-store";
    /**
     * {@link OperatorOfferIndex}: the offers of {@link #OFFERS} by operator. In memory and not
     * changelogged: the processor rebuilds it from the offers store whenever a task starts, which
     * spares a changelog record per offer (the dearest part of an offer's processing).
     */
    public static final String OPERATOR_OFFERS = "auction-operator-offers-store";
    /** "BIDS" / "OFFERS" → newest event time (epoch ms) read from that input by the task. */
    public static final String CLOCK = "auction-clock-store";
    /** Global: operatorId → {@link ScoreHistory}. */
    public static final String REPUTATION = "auction-reputation-store";

    /** The stores the auction processor uses (all but the global one). */
    public static final List<String> TASK_STORES = List.of(BIDS, OFFERS, OPERATOR_OFFERS, CLOCK);

    /**
     * Where task stores keep their data. RocksDB is what the service runs with; in-memory stores
     * (same byte ordering, same changelogs) spare TopologyTestDriver tests the RocksDB flush that
     * every commit, and so every piped record, costs there.
     */
    public enum Backing {
        ROCKSDB,
        IN_MEMORY
    }

    /** Topic configs of the clock's changelog: 8 MiB segments, so the cleaner compacts within minutes at full load. */
    public static final Map<String, String> CLOCK_CHANGELOG = Map.of(TopicConfig.SEGMENT_BYTES_CONFIG, String.valueOf(8 * 1024 * 1024));

    private static final char SEPARATOR = '|';
    private static final int MILLIS_DIGITS = 13;

    private AuctionStores() {
    }

    public static Serde<AuctionState> stateSerde() {
        return StateCodec.auctionStateSerde();
    }

    public static Serde<Offer> offerSerde() {
        return StateCodec.offerSerde();
    }

    public static Serde<ScoreHistory> scoreHistorySerde() {
        return StateCodec.scoreHistorySerde();
    }

    static List<StoreBuilder<?>> taskStoreBuilders(Backing backing) {
        return List.of(
                store(BIDS, stateSerde(), backing, Map.of()),
                store(OFFERS, offerSerde(), backing, Map.of()),
                OperatorOfferIndex.builder(OPERATOR_OFFERS),
                store(CLOCK, Serdes.Long(), backing, CLOCK_CHANGELOG));
    }

    /** Global stores restore from their source topic, which must not be changelogged again. */
    static StoreBuilder<KeyValueStore<String, ScoreHistory>> reputationStoreBuilder() {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(REPUTATION), Serdes.String(), scoreHistorySerde())
                .withLoggingDisabled();
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static StoreBuilder<KeyValueStore<String, ?>> store(String name, Serde<?> valueSerde, Backing backing, Map<String, String> changelog) {
        var supplier = backing == Backing.ROCKSDB ? Stores.persistentKeyValueStore(name) : Stores.inMemoryKeyValueStore(name);
        return (StoreBuilder) Stores.keyValueStoreBuilder(supplier, Serdes.String(), valueSerde)
                .withLoggingEnabled(changelog)
                .withCachingDisabled();
    }

    public static String offerKey(String bidRef, String offerRef) {
        return bidRef + SEPARATOR + offerRef;
    }

    /** The bid of an {@link #offerKey} (refs never contain the separator). */
    static String bidRefOf(String offerKey) {
        return offerKey.substring(0, offerKey.indexOf(SEPARATOR));
    }

    /** The offer of an {@link #offerKey}. */
    static String offerRefOf(String offerKey) {
        return offerKey.substring(offerKey.indexOf(SEPARATOR) + 1);
    }

    /** Prefix of every {@link #OFFERS} key of a bid. */
    public static String offersOf(String bidRef) {
        return bidRef + SEPARATOR;
    }

    /** Keys of the processor's due order ({@code <13-digit epoch ms>|bidRef}): zero-padded millis sort by due time. */
    static String timerKey(Instant due, String bidRef) {
        String millis = Long.toString(Math.max(0, due.toEpochMilli()));
        StringBuilder key = new StringBuilder(MILLIS_DIGITS + 1 + bidRef.length());
        for (int i = millis.length(); i < MILLIS_DIGITS; i++) {
            key.append('0');
        }
        return key.append(millis).append(SEPARATOR).append(bidRef).toString();
    }

    static long timerMillis(String timerKey) {
        return Long.parseLong(timerKey, 0, MILLIS_DIGITS, 10);
    }

    static String timerBidRef(String timerKey) {
        return timerKey.substring(MILLIS_DIGITS + 1);
    }
}
