package dev.fabric.deployer.adapter;

import dev.fabric.events.v1.bid.BidEvent;
import dev.fabric.events.v1.bid.BidOpened;
import dev.fabric.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.utils.Utils;
import org.jboss.logging.Logger;

/**
 * Finds a bid's {@code BidOpened} on {@code fabric.bids}. Needed when a lease is confirmed for a
 * bid this process did not answer itself (it restarted after answering): the lease names only the
 * bid, and the workload spec lives in the bid. Reads only the one partition the bid's key maps to,
 * from a bounded time before the lease start, with its own group-less consumer.
 */
public final class BidArchive {

    private static final Logger LOG = Logger.getLogger(BidArchive.class);

    private final Map<String, Object> clientConfig;
    private final Function<byte[], BidEvent> decoder;
    private final Duration lookback;
    private final Duration readTimeout;

    /**
     * @param clientConfig bootstrap servers and security settings
     * @param lookback     how far before the lease start the bid may have been opened
     */
    public BidArchive(Map<String, Object> clientConfig, Function<byte[], BidEvent> decoder, Duration lookback, Duration readTimeout) {
        this.clientConfig = Map.copyOf(clientConfig);
        this.decoder = decoder;
        this.lookback = lookback;
        this.readTimeout = readTimeout;
    }

    /** The latest BidOpened for {@code bidRef} written between {@code leaseStart - lookback} and now. */
    public Optional<BidOpened> find(String bidRef, Instant leaseStart) {
        Properties props = new Properties();
        props.putAll(clientConfig);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        byte[] key = bidRef.getBytes(StandardCharsets.UTF_8);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<PartitionInfo> partitions = consumer.partitionsFor(Topics.BIDS.name(), readTimeout);
            // The default partitioner's choice for a keyed record: where the producer put this bid.
            TopicPartition tp = new TopicPartition(Topics.BIDS.name(), Utils.toPositive(Utils.murmur2(key)) % partitions.size());
            consumer.assign(List.of(tp));
            long from = leaseStart.minus(lookback).toEpochMilli();
            OffsetAndTimestamp start = consumer.offsetsForTimes(Map.of(tp, from), readTimeout).get(tp);
            long end = consumer.endOffsets(List.of(tp), readTimeout).get(tp);
            if (start == null) {
                return Optional.empty();
            }
            consumer.seek(tp, start.offset());
            Optional<BidOpened> found = Optional.empty();
            Instant deadline = Instant.now().plus(readTimeout);
            while (consumer.position(tp, readTimeout) < end && Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.offset() >= end || !java.util.Arrays.equals(key, record.key()) || record.value() == null) {
                        continue;
                    }
                    Optional<BidOpened> opened = opened(record);
                    if (opened.isPresent()) {
                        found = opened;
                    }
                }
            }
            return found;
        }
    }

    private Optional<BidOpened> opened(ConsumerRecord<byte[], byte[]> record) {
        try {
            BidEvent event = decoder.apply(record.value());
            return event.getPayload() instanceof BidOpened opened ? Optional.of(opened) : Optional.empty();
        } catch (RuntimeException e) {
            // The live consumer dead-lettered this record already; here it is just not the bid.
            LOG.debugf("Skipping undecodable record %s-%d@%d", record.topic(), record.partition(), record.offset());
            return Optional.empty();
        }
    }
}
