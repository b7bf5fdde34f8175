package dev.fabric.auction.topology;

import dev.fabric.auction.domain.Accept;
import dev.fabric.auction.domain.Bid;
import dev.fabric.auction.domain.Offer;
import java.time.Instant;
import org.apache.avro.specific.SpecificRecord;

/**
 * One decoded input of the auction processor: a bid or offer event turned into domain terms.
 * {@code source} is the event as read, kept to dead-letter it if the market's invariants reject it;
 * {@code eventTime} is the head's confirmation time, the only clock decisions use.
 */
sealed interface AuctionInput {

    SpecificRecord source();

    Instant eventTime();

    record Opened(SpecificRecord source, Bid bid) implements AuctionInput {
        @Override
        public Instant eventTime() {
            return bid.openedAt();
        }
    }

    record Accepted(SpecificRecord source, Accept accept) implements AuctionInput {
        @Override
        public Instant eventTime() {
            return accept.confirmedAt();
        }
    }

    record Cancelled(SpecificRecord source, Instant eventTime) implements AuctionInput {
    }

    record AwardedOnHead(SpecificRecord source, Instant eventTime, String operatorId) implements AuctionInput {
    }

    record OfferMade(SpecificRecord source, Offer offer) implements AuctionInput {
        @Override
        public Instant eventTime() {
            return offer.confirmedAt();
        }
    }

    record OfferWithdrawn(SpecificRecord source, Instant eventTime, String offerRef, String operatorId) implements AuctionInput {
    }

    /**
     * A progress mark: the head has been written into this input's partition up to {@code eventTime}.
     * It moves the input's event time and concerns no bid.
     */
    record Progress(SpecificRecord source, Instant eventTime) implements AuctionInput {
    }

    /** Decodable but not acceptable where it stands (e.g. keyed under another bid): dead-lettered. */
    record Misplaced(SpecificRecord source, Instant eventTime, String reason) implements AuctionInput {
    }
}
