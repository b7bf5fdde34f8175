package dev.fabric.ingest.adapter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fabric.events.MarketProgressMarks;
import dev.fabric.events.v1.bid.BidEvent;
import dev.fabric.ingest.adapter.kafka.PendingRecord;
import dev.fabric.topics.Topics;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A pending record goes somewhere: by its key, or to an explicit partition of its topic. */
class PendingRecordTest {

    private static final BidEvent MARK = MarketProgressMarks.bidMark("ab".repeat(28), 1, 2, Instant.EPOCH, null);

    @Test
    void shouldTakeAMarkWithoutAKeyOnAPartitionOfItsTopic() {
        PendingRecord mark = PendingRecord.mark(Topics.BIDS, 2, MARK);

        assertThat(mark.key()).isNull();
        assertThat(mark.partition()).isEqualTo(2);
        assertThat(mark.isMark()).isTrue();
        assertThat(new PendingRecord(Topics.BIDS, "tx#0", MARK).partition()).isNull();
        assertThat(new PendingRecord(Topics.BIDS, "tx#0", MARK).isMark()).isFalse();
    }

    @Test
    void shouldRefuseARecordWithNeitherKeyNorPartitionOrAPartitionTheTopicLacks() {
        assertThatThrownBy(() -> new PendingRecord(Topics.BIDS, null, null, MARK))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("key or an explicit partition");
        assertThatThrownBy(() -> new PendingRecord(Topics.BIDS, null, MARK)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> PendingRecord.mark(Topics.BIDS, Topics.BID_PARTITIONS, MARK))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("6 partitions, not 6");
        assertThatThrownBy(() -> PendingRecord.mark(Topics.OFFERS, 0, MARK))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("takes OfferEvent");
    }
}
