package dev.fabric.deployer.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fabric.events.v1.bid.BidCancelled;
import dev.fabric.events.v1.bid.BidEvent;
import dev.fabric.events.v1.common.ModeKind;
import dev.fabric.testkit.EmbeddedKafka;
import dev.fabric.testkit.EventSamples;
import dev.fabric.testkit.TopicRecords;
import dev.fabric.testkit.WithEmbeddedKafka;
import dev.fabric.topics.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.junit.jupiter.api.Test;

@WithEmbeddedKafka
class BidArchiveTest {

    private static BidArchive archive(EmbeddedKafka kafka, Duration lookback) {
        var serde = Topics.BIDS.valueSerde();
        return new BidArchive(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                bytes -> serde.deserializer().deserialize(Topics.BIDS.name(), bytes), lookback, Duration.ofSeconds(20));
    }

    @Test
    void shouldFindTheOpenedBidOfALeaseAmongOtherRecords(EmbeddedKafka kafka) {
        String wanted = EventSamples.ref(41, 0);
        String other = EventSamples.ref(42, 0);
        var opened = dev.fabric.events.v1.bid.BidOpened.newBuilder(EventSamples.bidOpened(ModeKind.AUCTION)).setMinPrice(1234L).build();
        TopicRecords.write(kafka.bootstrapServers(), Topics.BIDS,
                Map.entry(other, EventSamples.bidEvent(other, EventSamples.bidOpened(ModeKind.RACE), null, EventSamples.T0)),
                Map.entry(wanted, EventSamples.bidEvent(wanted, opened, null, EventSamples.T0)),
                Map.entry(other, EventSamples.bidEvent(other, BidCancelled.newBuilder().setRefundedLovelace(1).build(), null, EventSamples.T0)));

        var found = archive(kafka, Duration.ofHours(1)).find(wanted, Instant.now());

        assertThat(found).get().satisfies(b -> assertThat(b.getMinPrice()).isEqualTo(1234L));
    }

    @Test
    void shouldNotLookFurtherBackThanTheLookback(EmbeddedKafka kafka) {
        String bid = EventSamples.ref(43, 0);
        TopicRecords.write(kafka.bootstrapServers(), Topics.BIDS,
                Map.entry(bid, EventSamples.bidEvent(bid, EventSamples.bidOpened(ModeKind.AUCTION), null, EventSamples.T0)));

        assertThat(archive(kafka, Duration.ofHours(1)).find(bid, Instant.now().plus(Duration.ofHours(2)))).isEmpty();
        assertThat(archive(kafka, Duration.ofHours(1)).find(EventSamples.ref(44, 0), Instant.now())).isEmpty();
    }

    @Test
    void shouldSkipRecordsItCannotDecode(EmbeddedKafka kafka) {
        String bid = EventSamples.ref(45, 0);
        BidEvent event = EventSamples.bidEvent(bid, EventSamples.bidOpened(ModeKind.REPUTATION), null, EventSamples.T0);
        try (var producer = new org.apache.kafka.clients.producer.KafkaProducer<String, byte[]>(
                Map.of("bootstrap.servers", kafka.bootstrapServers()),
                new org.apache.kafka.common.serialization.StringSerializer(), new org.apache.kafka.common.serialization.ByteArraySerializer())) {
            producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(Topics.BIDS.name(), bid, new byte[] {1, 2, 3}));
            producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(Topics.BIDS.name(), bid,
                    Topics.BIDS.valueSerde().serializer().serialize(Topics.BIDS.name(), event)));
        }

        assertThat(archive(kafka, Duration.ofHours(1)).find(bid, Instant.now())).isPresent();
    }
}
