package dev.fabric.bench.auction;

import dev.fabric.events.v1.award.AuctionDecision;
import dev.fabric.topics.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.ToLongFunction;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

/**
 * A read_committed consumer that records, for every record written after it started, the time from
 * the record's reference instant (a decision's window close, a copied record's event time) until it
 * was read.
 */
final class LatencyReader implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(LatencyReader.class);

    private final KafkaConsumer<String, ?> consumer;
    private final ToLongFunction<ConsumerRecord<String, ?>> referenceMillis;
    private final Histogram histogram = new Histogram(3_600_000L, 3);
    private final Thread thread;
    private final CompletableFuture<Void> enough = new CompletableFuture<>();
    private volatile boolean running = true;
    private volatile long wanted = Long.MAX_VALUE;
    private long samples;

    @SuppressWarnings("unchecked")
    private <V> LatencyReader(String bootstrap, String topic, Deserializer<V> values, ToLongFunction<ConsumerRecord<String, V>> reference) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 1);
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 5);
        KafkaConsumer<String, V> typed = new KafkaConsumer<>(props, new StringDeserializer(), values);
        List<TopicPartition> partitions = typed.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition())).toList();
        typed.assign(partitions);
        typed.seekToEnd(partitions);
        partitions.forEach(typed::position);
        this.consumer = typed;
        this.referenceMillis = record -> reference.applyAsLong((ConsumerRecord<String, V>) record);
        this.thread = new Thread(this::read, "latency-reader-" + topic);
    }

    static LatencyReader decisions(String bootstrap) {
        return new LatencyReader(bootstrap, Topics.AWARDS.name(), Topics.AWARDS.valueSerde().deserializer(),
                (ConsumerRecord<String, AuctionDecision> record) -> record.value().getWindowClosedAt().toEpochMilli());
    }

    static LatencyReader passThrough(String bootstrap, String topic) {
        return new LatencyReader(bootstrap, topic, new ByteArrayDeserializer(), (ConsumerRecord<String, byte[]> record) -> record.timestamp());
    }

    void start() {
        thread.start();
    }

    private void read() {
        while (running) {
            for (ConsumerRecord<String, ?> record : consumer.poll(Duration.ofMillis(20))) {
                long now = System.currentTimeMillis();
                synchronized (histogram) {
                    histogram.recordValue(Math.max(0, now - referenceMillis.applyAsLong(record)));
                    samples++;
                    if (samples >= wanted) {
                        enough.complete(null);
                    }
                }
            }
        }
        consumer.close();
    }

    /** Waits until {@code count} records were read, or logs how many were missing after {@code timeout}. */
    void awaitSamples(long count, Duration timeout) throws Exception {
        synchronized (histogram) {
            wanted = count;
            if (samples >= count) {
                enough.complete(null);
            }
        }
        try {
            enough.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.warnf("only %d of %d records read within %s", samples(), count, timeout);
        }
    }

    long samples() {
        synchronized (histogram) {
            return samples;
        }
    }

    Histogram histogram() {
        synchronized (histogram) {
            return histogram.copy();
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(10_000);
    }
}
