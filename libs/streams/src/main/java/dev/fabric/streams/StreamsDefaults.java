package dev.fabric.streams;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The Streams configuration every Fabric Streams service shares: the dead-lettering handlers of
 * {@link StreamsErrorHandling} and a short consumer session.
 *
 * <p>Kafka Streams never leaves its consumer group on close, so after any restart (a crash, a kill,
 * a rolling update) the old member keeps its partitions until its session expires; with Kafka's 45 s
 * default the chaos run saw auctions decided after their bids' deadlines. 10 s (heartbeats every
 * 3 s) is Kafka's pre-3.0 default.
 *
 * <p>The producer (changelogs and outputs) compresses with snappy in batches of up to 128 KiB: the broker
 * then appends and serves a fraction of the bytes. On the auction benchmark (100,000 bids) compressing,
 * lz4 then, took 33 → 24-28 µs of CPU per record (41 k → 48-56 k offers/s). Snappy drains as fast
 * (31-34 k vs 29-32 k offers/s in the same 30,000-bid runs), but Kafka's lz4 stream allocates two
 * 64 KiB block buffers per batch: under live load, where a batch holds a few records, those were a
 * third of all the auction JVM allocated (JFR), and young collections came that much more often;
 * snappy's buffers are recycled.
 */
public final class StreamsDefaults {

    public static final int SESSION_TIMEOUT_MS = 10_000;
    public static final String COMPRESSION = "snappy";
    public static final int BATCH_BYTES = 131_072;

    /** How Quarkus' Kafka Streams extension prefixes Streams properties in application.properties. */
    static final String QUARKUS_PREFIX = "kafka-streams.";

    private StreamsDefaults() {
    }

    public static Map<String, Object> properties(String service) {
        Map<String, Object> properties = new HashMap<>(StreamsErrorHandling.properties(service));
        properties.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), SESSION_TIMEOUT_MS);
        properties.put(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), COMPRESSION);
        properties.put(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG), BATCH_BYTES);
        return Map.copyOf(properties);
    }

    /** Where a service's application.properties departs from {@link #properties}; empty when it does not. */
    public static List<String> problems(Properties applicationProperties, String service) {
        List<String> problems = new ArrayList<>();
        new TreeMap<>(properties(service)).forEach((key, value) -> {
            String configured = applicationProperties.getProperty(QUARKUS_PREFIX + key);
            if (!value.toString().equals(configured)) {
                problems.add(QUARKUS_PREFIX + key + " is " + configured + ", should be " + value);
            }
        });
        return problems;
    }

    /** {@link #problems} of the application.properties at the root of the class path (in a service's tests: its own). */
    public static List<String> problemsOfApplicationProperties(String service) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream("application.properties")) {
            if (in == null) {
                throw new FileNotFoundException("no application.properties on the class path");
            }
            properties.load(in);
        }
        return problems(properties, service);
    }
}
