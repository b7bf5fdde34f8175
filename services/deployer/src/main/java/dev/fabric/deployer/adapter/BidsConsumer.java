package dev.fabric.deployer.adapter;

import dev.fabric.deployer.market.BidHandled;
import dev.fabric.deployer.market.BidResponder;
import dev.fabric.events.MarketProgressMarks;
import dev.fabric.events.v1.bid.BidAccepted;
import dev.fabric.events.v1.bid.BidAwarded;
import dev.fabric.events.v1.bid.BidCancelled;
import dev.fabric.events.v1.bid.BidEvent;
import dev.fabric.events.v1.bid.BidExpired;
import dev.fabric.events.v1.bid.BidOpened;
import dev.fabric.topics.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * {@code fabric.bids}, in this operator's own consumer group: opened bids are answered, bids that
 * end (taken by another operator, cancelled, expired) release what this operator held for them.
 * Progress marks (keyless, about no bid) are skipped and their offsets committed like any other.
 */
@ApplicationScoped
public class BidsConsumer {

    @Inject
    InboundRecords inbound;

    @Inject
    BidResponder responder;

    @Inject
    MeterRegistry metrics;

    @Incoming("bids")
    @Blocking
    public void onRecord(ConsumerRecord<byte[], byte[]> record) {
        inbound.process(Topics.BIDS, record, this::handle);
    }

    void handle(String key, BidEvent event) throws InvalidEventException {
        if (MarketProgressMarks.isMark(event)) {
            return; // the auction's event time; no bid to answer, and no key to check
        }
        String bidRef = InboundEvents.subject(key, event.getBidRef());
        Object payload = event.getPayload();
        if (payload instanceof BidOpened opened) {
            count(metrics, responder.onBidOpened(InboundEvents.bidTerms(bidRef, opened)));
        } else if (payload instanceof BidAccepted accepted) {
            responder.onBidTaken(bidRef, accepted.getOperatorId());
        } else if (payload instanceof BidAwarded awarded) {
            responder.onBidTaken(bidRef, awarded.getOperatorId());
        } else if (payload instanceof BidCancelled) {
            responder.onBidClosed(bidRef, "bid cancelled");
        } else if (payload instanceof BidExpired expired) {
            responder.onBidClosed(bidRef, "bid expired: " + expired.getReason());
        } else {
            throw new InvalidEventException("unknown bid payload " + payload.getClass().getName());
        }
    }

    /** {@code fabric.deployer.bids{submission}}: what became of each opened bid (a deferred one counts again when answered). */
    static void count(MeterRegistry metrics, BidHandled handled) {
        metrics.counter("fabric.deployer.bids", "submission", handled.submission().name()).increment();
    }
}
