package dev.fabric.settlement.topology;

import dev.fabric.events.v1.award.AuctionDecision;
import dev.fabric.events.v1.deployment.DeploymentEvent;
import dev.fabric.events.v1.dlq.DeadLetter;
import dev.fabric.events.v1.hydra.L2Transaction;
import dev.fabric.events.v1.settlement.SettlementEvent;
import dev.fabric.settlement.config.SettlementSettings;
import dev.fabric.settlement.domain.BidSettlement;
import dev.fabric.settlement.domain.Head;
import dev.fabric.settlement.domain.SettlementTimings;
import dev.fabric.settlement.fixture.TestKeys;
import dev.fabric.plutus.eval.SlotTiming;
import dev.fabric.topics.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The settlement topology in a {@link TopologyTestDriver}: records in, events and dead letters out,
 * the driver's wall clock moved by hand. The head is whatever the test gives (a devnet or a script).
 */
public final class SettlementDriver implements AutoCloseable {

    public static final SettlementTimings TIMINGS = new SettlementTimings(Duration.ofSeconds(3), Duration.ofSeconds(10),
            Duration.ZERO, Duration.ofMillis(200), Duration.ofSeconds(2), Duration.ofDays(90));

    public final TopologyTestDriver driver;
    public final SettlementMetrics metrics = new SettlementMetrics(new SimpleMeterRegistry());
    private final Path stateDir;
    private final TestInputTopic<String, AuctionDecision> awards;
    private final TestInputTopic<String, DeploymentEvent> deployments;
    private final TestInputTopic<String, L2Transaction> transactions;
    private final TestOutputTopic<String, SettlementEvent> settlements;
    private final TestOutputTopic<String, DeadLetter> dlq;
    private final List<SettlementEvent> events = new ArrayList<>();
    private final List<DeadLetter> deadLetters = new ArrayList<>();
    private Instant wallClock;
    private final boolean followsRealTime;

    /** A driver whose wall clock moves only when the test says so. */
    public SettlementDriver(Head head, Instant wallClock) {
        this(head, wallClock, TIMINGS, false);
    }

    /** A driver for a devnet, whose wall clock is kept no earlier than real time (the devnet's clock). */
    public static SettlementDriver onDevnet(Head head) {
        return new SettlementDriver(head, Instant.now(), TIMINGS, true);
    }

    public SettlementDriver(Head head, Instant wallClock, SettlementTimings timings, boolean followsRealTime) {
        this.followsRealTime = followsRealTime;
        try {
            stateDir = Files.createTempDirectory("settlement-ttd-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        SettlementSettings settings = new SettlementSettings(timings, TestKeys.NETWORK, URI.create("http://unused:1"),
                SlotTiming.devnet(0), Duration.ofMinutes(5), Duration.ofSeconds(5), Duration.ofMillis(100), 5_000_000,
                Duration.ofMinutes(1), Duration.ofMillis(100), 500, Duration.ofSeconds(10));
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "settlement-ttd");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        driver = new TopologyTestDriver(SettlementTopology.build(settings, head, metrics, Map.of(), SettlementStores.Backing.IN_MEMORY),
                props, wallClock);
        this.wallClock = wallClock;
        awards = driver.createInputTopic(Topics.AWARDS.name(), Serdes.String().serializer(), Topics.AWARDS.valueSerde().serializer());
        deployments = driver.createInputTopic(Topics.DEPLOYMENTS.name(), Serdes.String().serializer(),
                Topics.DEPLOYMENTS.valueSerde().serializer());
        transactions = driver.createInputTopic(Topics.L2_TRANSACTIONS.name(), Serdes.String().serializer(),
                Topics.L2_TRANSACTIONS.valueSerde().serializer());
        settlements = driver.createOutputTopic(Topics.SETTLEMENTS.name(), Serdes.String().deserializer(),
                Topics.SETTLEMENTS.valueSerde().deserializer());
        dlq = driver.createOutputTopic(Topics.DLQ.name(), Serdes.String().deserializer(), Topics.DLQ.valueSerde().deserializer());
    }

    public void decide(AuctionDecision decision) {
        keepUpWithRealTime();
        awards.pipeInput(decision.getBidRef(), decision, decision.getOccurredAt());
    }

    public void deploy(DeploymentEvent event) {
        keepUpWithRealTime();
        deployments.pipeInput(event.getBidRef(), event, event.getOccurredAt());
    }

    public void confirm(List<L2Transaction> records) {
        keepUpWithRealTime();
        for (L2Transaction record : records) {
            transactions.pipeInput(record.getHeadId(), record, record.getOccurredAt());
        }
    }

    public void pipeRaw(String topic, String key, byte[] value) {
        driver.createInputTopic(topic, Serdes.String().serializer(), Serdes.ByteArray().serializer()).pipeInput(key, value);
    }

    /** Moves the driver's wall clock; it never falls behind real time (the devnet's clock) afterwards. */
    public void advance(Duration duration) {
        driver.advanceWallClockTime(duration);
        wallClock = wallClock.plus(duration);
    }

    /**
     * Brings the driver's wall clock up to real time when it lags: a devnet stamps its snapshots with
     * the real clock, and the topology takes the later of the two.
     */
    public void keepUpWithRealTime() {
        if (!followsRealTime) {
            return;
        }
        Duration behind = Duration.between(wallClock, Instant.now());
        if (!behind.isNegative() && !behind.isZero()) {
            advance(behind);
        }
    }

    public List<SettlementEvent> events() {
        events.addAll(settlements.readValuesToList());
        return List.copyOf(events);
    }

    public <T> List<T> events(Class<T> payload) {
        return events().stream().map(SettlementEvent::getPayload).filter(payload::isInstance).map(payload::cast).toList();
    }

    public List<DeadLetter> deadLetters() {
        deadLetters.addAll(dlq.readValuesToList());
        return List.copyOf(deadLetters);
    }

    public BidSettlement state(String bidRef) {
        KeyValueStore<String, BidSettlement> store = driver.getKeyValueStore(SettlementStores.BIDS);
        return store.get(bidRef);
    }

    @Override
    public void close() {
        driver.close();
        try (var files = Files.walk(stateDir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
