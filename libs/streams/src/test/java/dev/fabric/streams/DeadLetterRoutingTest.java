package dev.fabric.streams;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fabric.events.MarketProgressMarks;
import dev.fabric.events.v1.bid.BidEvent;
import dev.fabric.events.v1.bid.BidOpened;
import dev.fabric.events.v1.common.ModeKind;
import dev.fabric.events.v1.dlq.DeadLetter;
import dev.fabric.testkit.EventSamples;
import dev.fabric.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Produced;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DeadLetterRoutingTest {

    private static final String OUT = "test.valid-bids";

    private TopologyTestDriver driver;
    private TestInputTopic<byte[], byte[]> bids;
    private TestOutputTopic<String, BidEvent> valid;
    private TestOutputTopic<String, DeadLetter> dlq;
    private final List<DeadLetter> hooked = new ArrayList<>();

    @BeforeEach
    void setUp() {
        StreamsBuilder builder = new StreamsBuilder();
        new DeadLetterRouting("test-service", Map.of(), hooked::add)
                .stream(builder, Topics.BIDS, DeadLetterRoutingTest::problems)
                .to(OUT, Produced.with(Serdes.String(), Topics.BIDS.valueSerde()));
        drive(builder);
    }

    private void drive(StreamsBuilder builder) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "routing-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        driver = new TopologyTestDriver(builder.build(), props);
        bids = driver.createInputTopic(Topics.BIDS.name(), Serdes.ByteArray().serializer(), Serdes.ByteArray().serializer());
        valid = driver.createOutputTopic(OUT, Serdes.String().deserializer(), Topics.BIDS.valueSerde().deserializer());
        dlq = driver.createOutputTopic(Topics.DLQ.name(), Serdes.String().deserializer(), Topics.DLQ.valueSerde().deserializer());
    }

    @AfterEach
    void tearDown() {
        driver.close();
    }

    private static List<String> problems(BidEvent event) {
        if (event.getPayload() instanceof BidOpened opened && opened.getMaxPrice() < opened.getMinPrice()) {
            return List.of("maxPrice " + opened.getMaxPrice() + " < minPrice " + opened.getMinPrice());
        }
        return List.of();
    }

    private static byte[] bytes(BidEvent event) {
        return Topics.BIDS.valueSerde().serializer().serialize(Topics.BIDS.name(), event);
    }

    private static BidEvent opened(long min, long max) {
        BidOpened payload = BidOpened.newBuilder(EventSamples.bidOpened(ModeKind.AUCTION)).setMinPrice(min).setMaxPrice(max).build();
        return EventSamples.bidEvent(EventSamples.ref(1, 0), payload, null, EventSamples.T0);
    }

    @Test
    void shouldPassValidRecordsThrough() {
        BidEvent event = opened(1, 2);

        bids.pipeInput(key(event), bytes(event));

        assertThat(valid.readKeyValuesToList()).singleElement().satisfies(kv -> assertThat(kv.value).isEqualTo(event));
        assertThat(dlq.isEmpty()).isTrue();
    }

    @Test
    void shouldDeadLetterUndecodableBytesAndContinue() {
        BidEvent good = opened(1, 2);

        bids.pipeInput("k1".getBytes(StandardCharsets.UTF_8), new byte[] {1, 2, 3}, Instant.parse("2026-11-28T10:00:00Z"));
        bids.pipeInput(key(good), bytes(good));

        DeadLetter letter = dlq.readValue();
        assertThat(letter.getService()).isEqualTo("test-service");
        assertThat(letter.getSourceTopic()).isEqualTo("fabric.bids");
        assertThat(letter.getOffset()).isZero();
        assertThat(letter.getReason()).contains("Cannot decode BidEvent");
        assertThat(letter.getPayload().array()).containsExactly(1, 2, 3);
        assertThat(letter.getOccurredAt()).isEqualTo(Instant.parse("2026-11-28T10:00:00Z"));
        assertThat(valid.readValuesToList()).containsExactly(good);
        assertThat(hooked).hasSize(1);
    }

    @Test
    void shouldDeadLetterInvariantViolationsWithTheReason() {
        BidEvent bad = opened(10, 5);

        bids.pipeInput(key(bad), bytes(bad));

        assertThat(dlq.readValue().getReason()).isEqualTo("maxPrice 5 < minPrice 10");
        assertThat(valid.isEmpty()).isTrue();
    }

    @Test
    void shouldDeadLetterRecordsWithoutKeyOrValue() {
        BidEvent event = opened(1, 2);

        bids.pipeInput((byte[]) null, bytes(event));
        bids.pipeInput(key(event), (byte[]) null);

        assertThat(dlq.readValuesToList()).extracting(DeadLetter::getReason)
                .containsExactly("record has no key (fabric.bids is keyed by bidRef)", "record has no value (tombstones are not events)");
    }

    @Test
    void shouldSkipProgressMarksWithoutDeadLetteringThem() {
        BidEvent mark = MarketProgressMarks.bidMark("4a".repeat(28), 9, 2, EventSamples.T0, null);
        BidEvent event = opened(1, 2);

        bids.pipeInput((byte[]) null, bytes(mark));
        bids.pipeInput(key(event), bytes(event));

        assertThat(valid.readValuesToList()).containsExactly(event);
        assertThat(dlq.isEmpty()).isTrue();
        assertThat(hooked).isEmpty();
    }

    @Test
    void shouldForwardProgressMarksKeylessAndUnvalidatedToAReaderThatAsksForThem() {
        driver.close();
        StreamsBuilder builder = new StreamsBuilder();
        new DeadLetterRouting("test-service", Map.of(), hooked::add)
                .streamWithProgressMarks(builder, Topics.BIDS, event -> List.of("every record is invalid here"))
                .to(OUT, Produced.with(Serdes.String(), Topics.BIDS.valueSerde()));
        drive(builder);
        BidEvent mark = MarketProgressMarks.bidMark("4a".repeat(28), 9, 2, EventSamples.T0, null);
        BidEvent event = opened(1, 2);

        bids.pipeInput((byte[]) null, bytes(mark));
        bids.pipeInput(key(event), bytes(event));

        assertThat(valid.readKeyValuesToList()).singleElement().satisfies(kv -> {
            assertThat(kv.key).isNull();
            assertThat(kv.value).isEqualTo(mark);
        });
        assertThat(dlq.readValuesToList()).extracting(DeadLetter::getReason).containsExactly("every record is invalid here");
    }

    @Test
    void shouldWriteTheSameDeadLetterWhenReplayed() {
        bids.pipeInput("k".getBytes(StandardCharsets.UTF_8), new byte[] {9}, Instant.parse("2026-11-28T10:00:00Z"));
        DeadLetter first = dlq.readValue();
        driver.close();
        setUp();

        bids.pipeInput("k".getBytes(StandardCharsets.UTF_8), new byte[] {9}, Instant.parse("2026-11-28T10:00:00Z"));

        assertThat(dlq.readValue()).isEqualTo(first);
    }

    private static byte[] key(BidEvent event) {
        return event.getBidRef().getBytes(StandardCharsets.UTF_8);
    }
}
