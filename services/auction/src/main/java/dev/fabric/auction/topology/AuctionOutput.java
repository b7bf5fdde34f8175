package dev.fabric.auction.topology;

import dev.fabric.events.v1.award.AuctionDecision;
import dev.fabric.events.v1.bid.BidEvent;
import dev.fabric.events.v1.dlq.DeadLetter;
import dev.fabric.events.v1.offer.OfferEvent;

/** What the auction processor emits; the topology routes each kind to its topic. */
sealed interface AuctionOutput {

    record Decision(AuctionDecision decision) implements AuctionOutput {
    }

    record Expiry(BidEvent event) implements AuctionOutput {
    }

    record Rejection(OfferEvent event) implements AuctionOutput {
    }

    record DeadLettered(DeadLetter deadLetter) implements AuctionOutput {
    }
}
