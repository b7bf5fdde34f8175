package dev.fabric.auction.topology;

import dev.fabric.auction.config.AuctionSettings;
import dev.fabric.streams.StreamsDefaults;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The auction topology as its own process, configured as the service runs it (exactly-once, RocksDB
 * stores, dead-lettering handlers), so a test can kill it with SIGKILL mid-transaction.
 * Arguments: bootstrap servers, state dir, a file to create once the application is RUNNING.
 */
public final class AuctionStreamsProcess {

    static final String APPLICATION_ID = "auction-restart-test";

    private AuctionStreamsProcess() {
    }

    public static void main(String[] args) {
        Path ready = Path.of(args[2]);
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, APPLICATION_ID);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, args[0]);
        props.put(StreamsConfig.STATE_DIR_CONFIG, args[1]);
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        // The killed member must leave the group quickly for its successor to take over (broker minimum: 6 s).
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), 6000);
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG), 1000);
        props.putAll(StreamsDefaults.properties(AuctionTopology.SERVICE));
        AuctionSettings settings = AuctionSettings.defaults().withLateness(Duration.ofSeconds(1))
                .withQuiet(Duration.ofSeconds(2), Duration.ofSeconds(5));
        AtomicReference<KafkaStreams> running = new AtomicReference<>();
        InputBacklog backlog = new ConsumerLagBacklog(() -> running.get() == null ? null : running.get().metrics());
        KafkaStreams streams = new KafkaStreams(AuctionTopology.build(settings, Map.of(), new AuctionMetrics(new SimpleMeterRegistry()),
                AuctionStores.Backing.ROCKSDB, backlog), props);
        running.set(streams);
        streams.setStateListener((now, before) -> {
            if (now == KafkaStreams.State.RUNNING) {
                try {
                    Files.writeString(ready, "RUNNING");
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        });
        Runtime.getRuntime().addShutdownHook(new Thread(() -> streams.close(Duration.ofSeconds(10))));
        // Stream threads are not daemons: the process runs until it is stopped or killed.
        streams.start();
    }
}
