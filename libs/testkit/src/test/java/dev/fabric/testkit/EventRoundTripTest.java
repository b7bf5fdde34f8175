package dev.fabric.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fabric.topics.Topic;
import dev.fabric.topics.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every event type (every payload branch) survives a trip through the real broker with the plain serdes. */
@WithEmbeddedKafka
class EventRoundTripTest {

    static List<EventSamples.Sample> samples() {
        return EventSamples.all();
    }

    @Test
    void shouldHaveASampleForEveryTopic() {
        Set<String> covered = samples().stream().map(s -> s.topic().name()).collect(Collectors.toSet());

        assertThat(covered).containsExactlyInAnyOrderElementsOf(Topics.ALL.stream().map(Topic::name).toList());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void shouldRoundTripThroughTheBroker(EventSamples.Sample sample, EmbeddedKafka kafka) {
        List<ConsumerRecord<String, SpecificRecord>> before = readAll(kafka, sample.topic());

        writeOne(kafka, sample);
        List<ConsumerRecord<String, SpecificRecord>> after = readAll(kafka, sample.topic());

        assertThat(after).hasSize(before.size() + 1);
        ConsumerRecord<String, SpecificRecord> last = after.stream()
                .filter(r -> before.stream().noneMatch(b -> b.partition() == r.partition() && b.offset() == r.offset()))
                .findFirst().orElseThrow();
        assertThat(last.key()).isEqualTo(sample.key());
        assertThat(last.value()).isEqualTo(sample.value());
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void writeOne(EmbeddedKafka kafka, EventSamples.Sample sample) {
        TopicRecords.write(kafka.bootstrapServers(), (Topic) sample.topic(), Map.entry(sample.key(), sample.value()));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static List<ConsumerRecord<String, SpecificRecord>> readAll(EmbeddedKafka kafka, Topic<String, ?> topic) {
        return TopicRecords.readToEnd(kafka.bootstrapServers(), (Topic) topic, Duration.ofSeconds(30));
    }
}
