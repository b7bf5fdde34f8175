package dev.fabric.deployer.adapter;

import dev.fabric.events.v1.bid.BidEvent;
import dev.fabric.events.v1.bid.BidOpened;
import dev.fabric.topics.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Finds a bid's {@code BidOpened} on {@code fabric.bids}. Needed when a lease is confirmed for a
 * bid this process did not answer itself (it restarted after answering): the lease names only the
 * bid, and the workload spec lives in the bid. Reads only the one partition the bid's key maps to,
 * from a bounded time before the lease start, with its own group-less consumer.
 */
public final class BidArchive {

    private final KeyedTopicReader reader;
    private final Function<byte[], BidEvent> decoder;
    private final Duration lookback;

    /**
     * @param clientConfig the service's Kafka client settings: bootstrap servers and security, as the channels get them
     * @param lookback     how far before the lease start the bid may have been opened
     */
    public BidArchive(Map<String, Object> clientConfig, Function<byte[], BidEvent> decoder, Duration lookback, Duration readTimeout) {
        this.reader = new KeyedTopicReader(clientConfig, readTimeout);
        this.decoder = decoder;
        this.lookback = lookback;
    }

    /** The latest BidOpened for {@code bidRef} written between {@code leaseStart - lookback} and now. */
    public Optional<BidOpened> find(String bidRef, Instant leaseStart) {
        Optional<BidOpened> found = Optional.empty();
        for (KeyedTopicReader.Keyed<BidEvent> record : reader.read(Topics.BIDS.name(), Set.of(bidRef), leaseStart.minus(lookback), decoder)) {
            if (record.value().getPayload() instanceof BidOpened opened) {
                found = Optional.of(opened);
            }
        }
        return found;
    }
}
