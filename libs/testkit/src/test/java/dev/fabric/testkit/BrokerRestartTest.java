package dev.fabric.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fabric.events.v1.bid.BidEvent;
import dev.fabric.events.v1.common.ModeKind;
import dev.fabric.topics.Topics;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A broker restarted on its data directory keeps every record and accepts new ones on the same port. */
class BrokerRestartTest {

    @Test
    void shouldKeepRecordsAcrossARestart() {
        EmbeddedKafka kafka = EmbeddedKafka.start();
        try {
            kafka.provisionTopics();
            BidEvent first = EventSamples.bidEvent(EventSamples.ref(1, 0), EventSamples.bidOpened(ModeKind.RACE), null, EventSamples.T0);
            BidEvent second = EventSamples.bidEvent(EventSamples.ref(2, 0), EventSamples.bidOpened(ModeKind.AUCTION), null, EventSamples.T0);
            TopicRecords.write(kafka.bootstrapServers(), Topics.BIDS, Map.entry(first.getBidRef(), first));
            String bootstrapBefore = kafka.bootstrapServers();

            kafka.restart();
            TopicRecords.write(kafka.bootstrapServers(), Topics.BIDS, Map.entry(second.getBidRef(), second));

            assertThat(kafka.bootstrapServers()).isEqualTo(bootstrapBefore);
            assertThat(TopicRecords.readToEnd(kafka.bootstrapServers(), Topics.BIDS, Duration.ofSeconds(30)))
                    .extracting(r -> r.value()).containsExactlyInAnyOrder(first, second);
            assertThat(kafka.provisionTopics().created()).as("topics survive the restart").isEmpty();
        } finally {
            kafka.destroy();
        }
    }
}
