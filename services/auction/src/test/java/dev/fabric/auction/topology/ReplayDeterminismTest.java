package dev.fabric.auction.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fabric.auction.config.AuctionSettings;
import dev.fabric.events.EventIds;
import dev.fabric.events.MarketProgressMarks;
import dev.fabric.events.v1.bid.BidAccepted;
import dev.fabric.events.v1.bid.BidCancelled;
import dev.fabric.events.v1.bid.BidEvent;
import dev.fabric.events.v1.bid.BidOpened;
import dev.fabric.events.v1.common.AllocationMode;
import dev.fabric.events.v1.common.ModeKind;
import dev.fabric.events.v1.offer.OfferEvent;
import dev.fabric.events.v1.offer.OfferMade;
import dev.fabric.events.v1.offer.OfferWithdrawn;
import dev.fabric.events.v1.reputation.OperatorScore;
import dev.fabric.testkit.EventSamples;
import dev.fabric.topics.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replaying the input topics from the start yields byte-identical output. The first run records the
 * topics as a broker would hold them (inputs interleaved with the auction's own BidExpired and
 * OfferRejected, which land on the input topics); the second run, on fresh state, replays that log.
 */
class ReplayDeterminismTest {

    private static final Instant T0 = EventSamples.T0;
    private static final List<String> OUTPUTS = List.of(Topics.AWARDS.name(), Topics.BIDS.name(), Topics.OFFERS.name(), Topics.DLQ.name());

    /** One thing that happens to the topology: a record on an input topic, or the wall clock moving. */
    private sealed interface Step {
        record Input(String topic, byte[] key, byte[] value, long timestamp) implements Step {
        }

        record WallClock(Duration advance) implements Step {
        }
    }

    /** One record the topology wrote, as bytes. */
    private record Output(String topic, String key, String value, long timestamp) {
    }

    private record Run(List<Output> outputs, List<Step> topicLog) {
    }

    @TempDir
    Path stateDirs;

    @Test
    void shouldReplayAMarketToByteIdenticalDecisionsExpiriesRejectionsAndDeadLetters() throws Exception {
        List<Step> market = market(new Random(20261128));

        Run original = run(market, true, Files.createDirectory(stateDirs.resolve("original")));
        Run replay = run(original.topicLog(), false, Files.createDirectory(stateDirs.resolve("replay")));

        assertThat(original.outputs()).extracting(Output::topic).contains(OUTPUTS.toArray(String[]::new));
        assertThat(original.outputs().stream().filter(o -> o.topic().equals(Topics.AWARDS.name())).count()).isGreaterThan(20);
        for (int i = 0; i < Math.min(original.outputs().size(), replay.outputs().size()); i++) {
            assertThat(replay.outputs().get(i)).as("output #%d", i).isEqualTo(original.outputs().get(i));
        }
        assertThat(replay.outputs()).hasSameSizeAs(original.outputs());
    }

    /**
     * Runs the topology over {@code steps}. With {@code live}, what the auction writes to its input
     * topics is appended to them at once, as on a broker (so input offsets match the recorded log);
     * a replay of that log already holds those records.
     */
    private Run run(List<Step> steps, boolean live, Path stateDir) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "auction-replay");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        List<Output> outputs = new ArrayList<>();
        List<Step> topicLog = new ArrayList<>();
        try (TopologyTestDriver driver = new TopologyTestDriver(
                AuctionTopology.build(AuctionSettings.defaults(), Map.of(), new AuctionMetrics(new SimpleMeterRegistry()),
                        AuctionStores.Backing.IN_MEMORY, InputBacklog.NONE), props, T0)) {
            Map<String, TestInputTopic<byte[], byte[]>> inputs = Map.of(
                    Topics.BIDS.name(), raw(driver, Topics.BIDS.name()),
                    Topics.OFFERS.name(), raw(driver, Topics.OFFERS.name()),
                    Topics.REPUTATION_SCORES.name(), raw(driver, Topics.REPUTATION_SCORES.name()));
            List<TestOutputTopic<byte[], byte[]>> readers = OUTPUTS.stream()
                    .map(topic -> driver.createOutputTopic(topic, Serdes.ByteArray().deserializer(), Serdes.ByteArray().deserializer()))
                    .toList();
            for (Step step : steps) {
                topicLog.add(step);
                if (step instanceof Step.Input input) {
                    inputs.get(input.topic()).pipeInput(input.key(), input.value(), input.timestamp());
                } else {
                    driver.advanceWallClockTime(((Step.WallClock) step).advance());
                }
                for (int i = 0; i < OUTPUTS.size(); i++) {
                    for (TestRecord<byte[], byte[]> record : readers.get(i).readRecordsToList()) {
                        String topic = OUTPUTS.get(i);
                        outputs.add(new Output(topic, new String(record.key(), StandardCharsets.UTF_8),
                                HexFormat.of().formatHex(record.value()), record.timestamp()));
                        if (live && inputs.containsKey(topic)) {
                            topicLog.add(new Step.Input(topic, record.key(), record.value(), record.timestamp()));
                            inputs.get(topic).pipeInput(record.key(), record.value(), record.timestamp());
                        }
                    }
                }
            }
        }
        return new Run(outputs, topicLog);
    }

    private static TestInputTopic<byte[], byte[]> raw(TopologyTestDriver driver, String topic) {
        return driver.createInputTopic(topic, Serdes.ByteArray().serializer(), Serdes.ByteArray().serializer());
    }

    /**
     * A busy market: 60 bids in all three modes, offers inside and after their windows, out-of-range
     * and short offers, withdrawals, cancels, race accepts, orphans, score updates, unreadable records,
     * inputs arriving slightly out of event-time order, and a quiet end closed by the wall clock.
     */
    private static List<Step> market(Random random) {
        List<Timed> events = new ArrayList<>();
        for (int op = 0; op < 8; op++) {
            for (int update = 0; update < 3; update++) {
                events.add(score(op, random.nextInt(10_001), T0.plusSeconds(-30 + update * 40L + random.nextInt(20))));
            }
        }
        for (int b = 0; b < 60; b++) {
            String bidRef = EventSamples.ref(b + 1, 0);
            Instant opened = T0.plusSeconds(b * 5L);
            ModeKind kind = ModeKind.values()[b % 3];
            if (b % 17 != 5) {
                events.add(bidOpened(bidRef, kind, opened, random));
            }
            int offers = kind == ModeKind.RACE ? random.nextInt(2) : random.nextInt(7);
            for (int o = 0; o < offers; o++) {
                String offerRef = EventSamples.ref(100_000 + b * 10 + o, 0);
                int operator = random.nextInt(8);
                Instant confirmed = opened.plusMillis(random.nextInt(45_000));
                long price = 4_000_000L + random.nextInt(6) * 1_000_000L + (random.nextInt(10) == 0 ? 50_000_000L : 0);
                events.add(offer(bidRef, offerRef, operator, price, confirmed));
                if (random.nextInt(8) == 0) {
                    events.add(withdrawal(bidRef, offerRef, operator, confirmed.plusMillis(random.nextInt(20_000))));
                }
            }
            if (kind == ModeKind.RACE && random.nextBoolean()) {
                events.add(accept(bidRef, random.nextInt(8), opened.plusSeconds(random.nextInt(60))));
            }
            if (random.nextInt(10) == 0) {
                events.add(cancel(bidRef, opened.plusSeconds(random.nextInt(40))));
            }
            if (random.nextInt(15) == 0) {
                events.add(new Timed(opened.plusSeconds(3), new Step.Input(Topics.OFFERS.name(), bidRef.getBytes(StandardCharsets.UTF_8),
                        new byte[] {(byte) 0xC3, 0x01, 7, 7}, opened.plusSeconds(3).toEpochMilli())));
            }
        }
        // bid-ingest's progress marks: keyless, every 700 ms of event time on each input.
        for (long ms = 0; ms < 370_000; ms += 700) {
            Instant at = T0.plusMillis(ms);
            events.add(new Timed(at, new Step.Input(Topics.BIDS.name(), null, Topics.BIDS.valueSerde().serializer()
                    .serialize(Topics.BIDS.name(), MarketProgressMarks.bidMark(EventSamples.HEAD_ID, ms, 0, at, null)), at.toEpochMilli())));
            events.add(new Timed(at, new Step.Input(Topics.OFFERS.name(), null, Topics.OFFERS.valueSerde().serializer()
                    .serialize(Topics.OFFERS.name(), MarketProgressMarks.offerMark(EventSamples.HEAD_ID, ms, 0, at, null)), at.toEpochMilli())));
        }
        // Arrival order: event time plus up to 1.5 s of ingest jitter, so some inputs arrive out of order.
        events.sort(Comparator.comparing((Timed t) -> t.at().plusMillis(random.nextInt(1500))).thenComparing(t -> t.step().hashCode()));
        List<Step> steps = new ArrayList<>();
        events.forEach(t -> steps.add(t.step()));
        for (int i = 0; i < 12; i++) {
            steps.add(new Step.WallClock(Duration.ofMinutes(1)));
        }
        return steps;
    }

    private record Timed(Instant at, Step step) {
    }

    private static Timed bidOpened(String bidRef, ModeKind kind, Instant at, Random random) {
        BidOpened base = EventSamples.bidOpened(kind);
        AllocationMode mode = switch (kind) {
            case AUCTION -> AllocationMode.newBuilder(base.getMode()).setWindowMs(10_000L + random.nextInt(20_000)).build();
            case REPUTATION -> AllocationMode.newBuilder(base.getMode()).setPriorityWindowMs(5_000L + random.nextInt(15_000))
                    .setMinScoreBps(random.nextInt(10_000)).build();
            default -> base.getMode();
        };
        BidOpened payload = BidOpened.newBuilder(base).setMode(mode).setDeadline(at.plusSeconds(60 + random.nextInt(120))).build();
        return bid(bidRef, payload, at);
    }

    private static Timed offer(String bidRef, String offerRef, int operator, long price, Instant at) {
        OfferMade made = EventSamples.offerMade(AuctionDriver.operator(operator), price);
        return offerEvent(bidRef, EventSamples.offerEvent(bidRef, offerRef, made, EventSamples.chain(2, 1, 1), at));
    }

    private static Timed withdrawal(String bidRef, String offerRef, int operator, Instant at) {
        OfferWithdrawn payload = OfferWithdrawn.newBuilder().setOperatorId(AuctionDriver.operator(operator)).build();
        return offerEvent(bidRef, EventSamples.offerEvent(bidRef, offerRef, payload, EventSamples.chain(3, 1, 1), at));
    }

    private static Timed accept(String bidRef, int operator, Instant at) {
        return bid(bidRef, BidAccepted.newBuilder().setOperatorId(AuctionDriver.operator(operator)).setPrice(9_000_000L)
                .setLeaseRef(EventSamples.ref(77, 0)).build(), at);
    }

    private static Timed cancel(String bidRef, Instant at) {
        return bid(bidRef, BidCancelled.newBuilder().setRefundedLovelace(22_000_000L).build(), at);
    }

    private static Timed score(int operator, int bps, Instant at) {
        String operatorId = AuctionDriver.operator(operator);
        OperatorScore score = OperatorScore.newBuilder().setEventId(EventIds.of("OperatorScore", operatorId, at)).setOperatorId(operatorId)
                .setOccurredAt(at).setScoreBps(bps).setLowerBound(bps / 10_000.0).setMean(0.5).setSuccessWeight(1).setFailureWeight(1)
                .setSuccesses(1).setFailures(1).setAttestations(0).setHalfLifeMs(86_400_000L).build();
        return new Timed(at, new Step.Input(Topics.REPUTATION_SCORES.name(), operatorId.getBytes(StandardCharsets.UTF_8),
                Topics.REPUTATION_SCORES.valueSerde().serializer().serialize(Topics.REPUTATION_SCORES.name(), score), at.toEpochMilli()));
    }

    private static Timed bid(String bidRef, Object payload, Instant at) {
        BidEvent event = EventSamples.bidEvent(bidRef, payload, EventSamples.chain(1, 1, 1), at);
        return new Timed(at, new Step.Input(Topics.BIDS.name(), bidRef.getBytes(StandardCharsets.UTF_8),
                Topics.BIDS.valueSerde().serializer().serialize(Topics.BIDS.name(), event), at.toEpochMilli()));
    }

    private static Timed offerEvent(String bidRef, OfferEvent event) {
        return new Timed(event.getOccurredAt(), new Step.Input(Topics.OFFERS.name(), bidRef.getBytes(StandardCharsets.UTF_8),
                Topics.OFFERS.valueSerde().serializer().serialize(Topics.OFFERS.name(), event), event.getOccurredAt().toEpochMilli()));
    }
}
