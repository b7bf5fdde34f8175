package dev.fabric.grid.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fabric.events.MarketProgressMarks;
import dev.fabric.events.v1.bid.BidCancelled;
import dev.fabric.events.v1.bid.BidEvent;
import dev.fabric.events.v1.common.ModeKind;
import dev.fabric.events.v1.offer.OfferEvent;
import dev.fabric.testkit.EmbeddedKafka;
import dev.fabric.testkit.EventSamples;
import dev.fabric.testkit.TopicRecords;
import dev.fabric.testkit.WithEmbeddedKafka;
import dev.fabric.topics.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

@WithEmbeddedKafka
class DeliveryReplayerTest {

    @Test
    void shouldReplayMarketEventsButNoProgressMark(EmbeddedKafka kafka) {
        String bid = EventSamples.ref(81, 0);
        int partition = Topics.BIDS.partitionOf(bid);
        BidEvent opened = EventSamples.bidEvent(bid, EventSamples.bidOpened(ModeKind.RACE), null, EventSamples.T0);
        BidEvent cancelled = EventSamples.bidEvent(bid, BidCancelled.newBuilder().setRefundedLovelace(1).build(), null, EventSamples.T0);
        OfferEvent offer = EventSamples.offerEvent(bid, EventSamples.ref(82, 0), EventSamples.offerMade(EventSamples.OPERATOR_ID, 1L), null,
                EventSamples.T0);
        TopicRecords.writeKeyless(kafka.bootstrapServers(), Topics.BIDS, partition, EventSamples.bidMark(1, partition));
        TopicRecords.write(kafka.bootstrapServers(), Topics.BIDS, Map.entry(bid, opened), Map.entry(bid, cancelled));
        TopicRecords.writeKeyless(kafka.bootstrapServers(), Topics.BIDS, (partition + 1) % Topics.BID_PARTITIONS,
                EventSamples.bidMark(2, (partition + 1) % Topics.BID_PARTITIONS));
        TopicRecords.write(kafka.bootstrapServers(), Topics.OFFERS, Map.entry(bid, offer));
        TopicRecords.writeKeyless(kafka.bootstrapServers(), Topics.OFFERS, partition, EventSamples.offerMark(2, partition));

        DeliveryReplayer.Replayed replayed = new DeliveryReplayer(kafka.bootstrapServers(), new Random(7))
                .replay(List.of(Topics.BIDS, Topics.OFFERS), 20);

        assertThat(replayed.perEventId()).isEqualTo(Map.of(opened.getEventId(), 1L, cancelled.getEventId(), 1L, offer.getEventId(), 1L));
        assertThat(replayed.perTopic()).isEqualTo(Map.of(Topics.BIDS.name(), 2L, Topics.OFFERS.name(), 1L));
        var bids = TopicRecords.readToEnd(kafka.bootstrapServers(), Topics.BIDS, Duration.ofSeconds(30));
        assertThat(bids).filteredOn(r -> MarketProgressMarks.isMark(r.value())).hasSize(2);
        assertThat(bids).filteredOn(r -> r.value().getEventId().equals(opened.getEventId())).hasSize(2);
    }
}
