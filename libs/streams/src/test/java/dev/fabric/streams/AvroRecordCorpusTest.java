package dev.fabric.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import dev.fabric.events.v1.bid.BidEvent;
import dev.fabric.events.v1.bid.BidOpened;
import dev.fabric.events.v1.common.ModeKind;
import dev.fabric.events.v1.dlq.DeadLetter;
import dev.fabric.testkit.CorpusTally;
import dev.fabric.testkit.EventSamples;
import dev.fabric.testkit.EventSamples.Sample;
import dev.fabric.topics.Topics;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Produced;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Bad-input corpus for Avro records (seeded), from one sample per payload branch of every topic:
 * random bytes, a wrong or foreign fingerprint, truncation and flipped bits. The serde must refuse with
 * a {@link SerializationException} naming the type (or decode, when a flip kept the body valid), and
 * the dead-letter routing every consumer uses must send each poison record to {@code fabric.dlq} with
 * its reason and still pass every good record on, in order.
 */
class AvroRecordCorpusTest {

    private static final CorpusTally SERDE = new CorpusTally("avro-serde");
    private static final CorpusTally ROUTING = new CorpusTally("avro-dlq-routing");
    private static final List<Sample> SAMPLES = EventSamples.all();

    private final SplittableRandom random = new SplittableRandom(0xA7B0L);

    @AfterAll
    static void report() {
        SERDE.report();
        ROUTING.report();
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static byte[] bytes(Sample sample) {
        return ((org.apache.kafka.common.serialization.Serde) sample.topic().valueSerde()).serializer()
                .serialize(sample.topic().name(), sample.value());
    }

    private static Deserializer<?> deserializer(Sample sample) {
        return sample.topic().valueSerde().deserializer();
    }

    private static String typeOf(Sample sample) {
        return sample.value().getClass().getSimpleName();
    }

    /** Bytes that no reader may accept: no header, a foreign fingerprint, or cut short. */
    private byte[] poison(byte[] valid) {
        switch (random.nextInt(3)) {
            case 0 -> {
                byte[] noise = new byte[random.nextInt(120)];
                random.nextBytes(noise);
                if (noise.length > 1 && noise[0] == (byte) 0xC3 && noise[1] == 0x01) {
                    noise[0] = 0;
                }
                return noise;
            }
            case 1 -> {
                byte[] foreign = valid.clone();
                foreign[2 + random.nextInt(8)] ^= (byte) (1 + random.nextInt(255));
                return foreign;
            }
            default -> {
                return Arrays.copyOf(valid, random.nextInt(valid.length));
            }
        }
    }

    @Test
    void shouldRefuseEverySpoiledRecordWithASerializationException() {
        for (int i = 0; i < 1500; i++) {
            Sample sample = SAMPLES.get(random.nextInt(SAMPLES.size()));
            byte[] valid = bytes(sample);
            SERDE.tried();
            if (i % 5 == 4) {
                // A flipped bit in the body: Avro has no checksum, so either outcome is right, but no other exception.
                byte[] flipped = valid.clone();
                int at = 10 + random.nextInt(flipped.length - 10);
                flipped[at] ^= (byte) (1 << random.nextInt(8));
                try {
                    Object decoded = deserializer(sample).deserialize(sample.topic().name(), flipped);
                    assertThat(decoded).isInstanceOf(sample.value().getClass());
                    SERDE.accepted();
                } catch (SerializationException refused) {
                    assertThat(refused.getMessage()).startsWith("Cannot decode " + typeOf(sample));
                    SERDE.rejected();
                } catch (RuntimeException e) {
                    fail("a flipped bit in " + sample + " escaped as " + e, e);
                }
                continue;
            }
            byte[] spoiled = i % 5 == 3 ? bytes(otherTypeThan(sample)) : poison(valid);
            assertThatThrownBy(() -> deserializer(sample).deserialize(sample.topic().name(), spoiled))
                    .as("%s spoiled to %d bytes", sample, spoiled.length)
                    .isInstanceOf(SerializationException.class)
                    .hasMessageStartingWith("Cannot decode " + typeOf(sample) + " from topic " + sample.topic().name());
            SERDE.rejected();
        }
    }

    private Sample otherTypeThan(Sample sample) {
        while (true) {
            Sample other = SAMPLES.get(random.nextInt(SAMPLES.size()));
            if (other.value().getClass() != sample.value().getClass()) {
                return other;
            }
        }
    }

    @Test
    void shouldDeadLetterEveryPoisonRecordAndPassEveryGoodOneThrough() {
        String out = "corpus.valid-bids";
        StreamsBuilder builder = new StreamsBuilder();
        new DeadLetterRouting("corpus", Map.of(), letter -> { })
                .stream(builder, Topics.BIDS, AvroRecordCorpusTest::problems)
                .to(out, Produced.with(Serdes.String(), Topics.BIDS.valueSerde()));
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "corpus-routing");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        List<BidEvent> good = new ArrayList<>();
        List<Long> poisonOffsets = new ArrayList<>();
        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), props)) {
            TestInputTopic<byte[], byte[]> bids = driver.createInputTopic(Topics.BIDS.name(),
                    Serdes.ByteArray().serializer(), Serdes.ByteArray().serializer());
            TestOutputTopic<String, BidEvent> valid = driver.createOutputTopic(out, Serdes.String().deserializer(),
                    Topics.BIDS.valueSerde().deserializer());
            TestOutputTopic<String, DeadLetter> dlq = driver.createOutputTopic(Topics.DLQ.name(), Serdes.String().deserializer(),
                    Topics.DLQ.valueSerde().deserializer());

            for (long offset = 0; offset < 600; offset++) {
                BidEvent event = opened((int) offset, 1_000_000L, 2_000_000L + offset);
                byte[] key = event.getBidRef().getBytes(StandardCharsets.UTF_8);
                byte[] value = Topics.BIDS.valueSerde().serializer().serialize(Topics.BIDS.name(), event);
                ROUTING.tried();
                switch (random.nextInt(6)) {
                    case 0 -> bids.pipeInput(key, poison(value));
                    case 1 -> bids.pipeInput(key, bytes(otherTypeThan(SAMPLES.get(2))));
                    case 2 -> bids.pipeInput((byte[]) null, value);
                    case 3 -> bids.pipeInput(key, Topics.BIDS.valueSerde().serializer()
                            .serialize(Topics.BIDS.name(), opened((int) offset, 5_000_000L, 1_000_000L)));
                    default -> {
                        bids.pipeInput(key, value);
                        good.add(event);
                        ROUTING.accepted();
                        continue;
                    }
                }
                poisonOffsets.add(offset);
                ROUTING.rejected();
            }

            assertThat(valid.readValuesToList()).containsExactlyElementsOf(good);
            List<DeadLetter> letters = dlq.readValuesToList();
            assertThat(letters).extracting(DeadLetter::getOffset).containsExactlyElementsOf(poisonOffsets);
            assertThat(letters).allSatisfy(letter -> {
                assertThat(letter.getService()).isEqualTo("corpus");
                assertThat(letter.getSourceTopic()).isEqualTo(Topics.BIDS.name());
                assertThat(letter.getReason()).isNotBlank();
            });
            letters.forEach(letter -> ROUTING.deadLettered());
        }
        assertThat(ROUTING.count("dlq") + ROUTING.count("accepted")).isEqualTo(ROUTING.count("tried"));
    }

    private static List<String> problems(BidEvent event) {
        if (event.getPayload() instanceof BidOpened opened && opened.getMaxPrice() < opened.getMinPrice()) {
            return List.of("maxPrice " + opened.getMaxPrice() + " < minPrice " + opened.getMinPrice());
        }
        return List.of();
    }

    private static BidEvent opened(int n, long min, long max) {
        BidOpened payload = BidOpened.newBuilder(EventSamples.bidOpened(ModeKind.AUCTION)).setMinPrice(min).setMaxPrice(max).build();
        return EventSamples.bidEvent(EventSamples.ref(n + 1, 0), payload, null, EventSamples.T0);
    }
}
