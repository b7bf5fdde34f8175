package dev.fabric.events;

import dev.fabric.events.v1.bid.BidEvent;
import dev.fabric.events.v1.common.MarketProgress;
import dev.fabric.events.v1.offer.OfferEvent;
import dev.fabric.topics.Topics;
import java.time.Instant;
import org.apache.avro.specific.SpecificRecord;

/**
 * {@link MarketProgress} marks on {@code fabric.bids} and {@code fabric.offers}: records that concern
 * no bid and say how far a head has been written into one partition. bid-ingest writes them; the
 * auction advances its event time on them; every other reader of the two topics skips them
 * ({@link #isMark}).
 */
public final class MarketProgressMarks {

    private static final String KIND = "MarketProgress";

    private MarketProgressMarks() {
    }

    public static BidEvent bidMark(String headId, long snapshotNumber, int partition, Instant at, String causationId) {
        return BidEvent.newBuilder().setEventId(EventIds.of(KIND, Topics.BIDS.name(), headId, snapshotNumber, partition))
                .setCausationId(causationId).setBidRef("").setOccurredAt(at).setChain(null)
                .setPayload(mark(headId, snapshotNumber, partition)).build();
    }

    public static OfferEvent offerMark(String headId, long snapshotNumber, int partition, Instant at, String causationId) {
        return OfferEvent.newBuilder().setEventId(EventIds.of(KIND, Topics.OFFERS.name(), headId, snapshotNumber, partition))
                .setCausationId(causationId).setBidRef("").setOfferRef("").setOccurredAt(at).setChain(null)
                .setPayload(mark(headId, snapshotNumber, partition)).build();
    }

    public static boolean isMark(BidEvent event) {
        return event.getPayload() instanceof MarketProgress;
    }

    public static boolean isMark(OfferEvent event) {
        return event.getPayload() instanceof MarketProgress;
    }

    /** True for a mark on either market topic; false for any other record. */
    public static boolean isMark(SpecificRecord value) {
        return value instanceof BidEvent bid ? isMark(bid) : value instanceof OfferEvent offer && isMark(offer);
    }

    private static MarketProgress mark(String headId, long snapshotNumber, int partition) {
        if (partition < 0 || partition >= Topics.BID_PARTITIONS) {
            throw new IllegalArgumentException("partition " + partition + " is not one of the " + Topics.BID_PARTITIONS + " market partitions");
        }
        return MarketProgress.newBuilder().setHeadId(headId).setSnapshotNumber(snapshotNumber).setPartition(partition).build();
    }
}
