package dev.fabric.deployer.adapter;

import dev.fabric.deployer.market.BidResponder;
import dev.fabric.events.v1.award.AuctionDecision;
import dev.fabric.topics.Topics;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** {@code fabric.awards}: an auction another operator won voids this operator's offer (withdrawn, capacity released). */
@ApplicationScoped
public class AwardsConsumer {

    @Inject
    InboundRecords inbound;

    @Inject
    BidResponder responder;

    @Incoming("awards")
    @Blocking
    public void onRecord(ConsumerRecord<byte[], byte[]> record) {
        inbound.process(Topics.AWARDS, record, this::handle);
    }

    void handle(String key, AuctionDecision decision) throws InvalidEventException {
        String bidRef = InboundEvents.subject(key, decision.getBidRef());
        responder.onAuctionDecided(bidRef, decision.getWinnerOperatorId());
    }
}
