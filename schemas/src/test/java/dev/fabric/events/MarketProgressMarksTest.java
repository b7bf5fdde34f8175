package dev.fabric.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fabric.events.v1.bid.BidCancelled;
import dev.fabric.events.v1.bid.BidEvent;
import dev.fabric.events.v1.common.MarketProgress;
import dev.fabric.events.v1.offer.OfferEvent;
import dev.fabric.topics.Topics;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MarketProgressMarksTest {

    private static final String HEAD = "4a".repeat(28);
    private static final Instant AT = Instant.parse("2026-11-29T08:00:00Z");

    @Test
    void shouldRoundTripMarksThroughTheTopicSerdesAndTellThemFromEvents() {
        BidEvent bidMark = MarketProgressMarks.bidMark(HEAD, 42, 3, AT, "cause");
        OfferEvent offerMark = MarketProgressMarks.offerMark(HEAD, 42, 3, AT, null);

        BidEvent bidRead = Topics.BIDS.valueSerde().deserializer().deserialize(Topics.BIDS.name(),
                Topics.BIDS.valueSerde().serializer().serialize(Topics.BIDS.name(), bidMark));
        OfferEvent offerRead = Topics.OFFERS.valueSerde().deserializer().deserialize(Topics.OFFERS.name(),
                Topics.OFFERS.valueSerde().serializer().serialize(Topics.OFFERS.name(), offerMark));

        assertThat(MarketProgressMarks.isMark(bidRead)).isTrue();
        assertThat(MarketProgressMarks.isMark(offerRead)).isTrue();
        assertThat(bidRead.getBidRef()).isEmpty();
        assertThat(offerRead.getOfferRef()).isEmpty();
        assertThat(bidRead.getOccurredAt()).isEqualTo(AT);
        assertThat((MarketProgress) bidRead.getPayload()).isEqualTo(MarketProgress.newBuilder().setHeadId(HEAD).setSnapshotNumber(42)
                .setPartition(3).build());
        BidEvent cancel = BidEvent.newBuilder(bidMark).setBidRef("0f".repeat(32) + "#0")
                .setPayload(BidCancelled.newBuilder().setRefundedLovelace(5).build()).build();
        assertThat(MarketProgressMarks.isMark(cancel)).isFalse();
    }

    @Test
    void shouldGiveEachTopicHeadSnapshotAndPartitionItsOwnDeterministicId() {
        Map<String, String> ids = new HashMap<>();
        for (int p = 0; p < Topics.BID_PARTITIONS; p++) {
            ids.put(MarketProgressMarks.bidMark(HEAD, 7, p, AT, null).getEventId(), "bids " + p);
            ids.put(MarketProgressMarks.offerMark(HEAD, 7, p, AT, null).getEventId(), "offers " + p);
        }
        assertThat(ids).hasSize(2 * Topics.BID_PARTITIONS);
        assertThat(MarketProgressMarks.bidMark(HEAD, 7, 2, AT.plusSeconds(1), "x").getEventId())
                .isEqualTo(MarketProgressMarks.bidMark(HEAD, 7, 2, AT, null).getEventId());
        assertThat(MarketProgressMarks.bidMark(HEAD, 8, 2, AT, null).getEventId())
                .isNotEqualTo(MarketProgressMarks.bidMark(HEAD, 7, 2, AT, null).getEventId());
    }

    @Test
    void shouldRefuseAPartitionOutsideTheMarketTopics() {
        assertThatThrownBy(() -> MarketProgressMarks.bidMark(HEAD, 1, Topics.BID_PARTITIONS, AT, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("partition 6");
        assertThatThrownBy(() -> MarketProgressMarks.offerMark(HEAD, 1, -1, AT, null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
