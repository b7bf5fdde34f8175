package dev.fabric.auction.topology;

import dev.fabric.auction.domain.Bid;
import dev.fabric.auction.domain.Effect;
import dev.fabric.auction.domain.Mode;
import dev.fabric.auction.domain.Offer;
import dev.fabric.auction.domain.Ranked;
import dev.fabric.auction.domain.Refusal;
import dev.fabric.auction.domain.Verdict;
import dev.fabric.events.EventIds;
import dev.fabric.events.v1.award.AuctionDecision;
import dev.fabric.events.v1.award.OfferOutcome;
import dev.fabric.events.v1.award.RankedOffer;
import dev.fabric.events.v1.bid.BidEvent;
import dev.fabric.events.v1.bid.BidExpired;
import dev.fabric.events.v1.common.ModeKind;
import dev.fabric.events.v1.offer.OfferEvent;
import dev.fabric.events.v1.offer.OfferRejected;
import dev.fabric.events.v1.offer.OfferRejection;
import java.time.Duration;
import java.util.List;

/**
 * Domain effects as published events. Every field comes from the inputs and the configuration, never
 * from the wall clock, and event ids hash the cause: replaying the inputs republishes identical bytes.
 */
final class OutputEvents {

    private OutputEvents() {
    }

    static AuctionDecision decision(Bid bid, Verdict.Award award, Duration deployGrace) {
        Ranked winner = award.winner();
        return AuctionDecision.newBuilder()
                .setEventId(EventIds.of("AuctionDecision", bid.bidRef()))
                .setCausationId(award.causationId())
                .setBidRef(bid.bidRef())
                .setOccurredAt(award.decidedAt())
                .setMode(modeKind(bid.mode()))
                .setRule(award.rule())
                .setAppPkh(bid.appPkh())
                .setArbiter(bid.arbiter())
                .setWinnerOperatorId(winner.operatorId())
                .setWinnerOfferRef(winner.offerRef())
                .setPrice(winner.price())
                .setLeaseRef(award.leaseRef())
                .setWindowOpenedAt(bid.openedAt())
                .setWindowClosedAt(award.windowClosedAt())
                .setDeployDeadline(award.decidedAt().plus(deployGrace))
                .setRanking(ranking(award.ranking()))
                .build();
    }

    static BidEvent expiry(Effect.Expire expire) {
        Bid bid = expire.bid();
        return BidEvent.newBuilder()
                .setEventId(EventIds.of("BidExpired", bid.bidRef()))
                .setCausationId(bid.eventId())
                .setBidRef(bid.bidRef())
                .setOccurredAt(expire.expiry().at())
                .setChain(null)
                .setPayload(BidExpired.newBuilder().setDeadline(bid.deadline()).setOffersSeen(expire.offersSeen())
                        .setReason(expire.expiry().reason()).build())
                .build();
    }

    static OfferEvent rejection(Effect.Reject reject) {
        Offer offer = reject.offer();
        return OfferEvent.newBuilder()
                .setEventId(EventIds.of("OfferRejected", offer.offerRef(), reject.refusal().name()))
                .setCausationId(offer.eventId())
                .setBidRef(offer.bidRef())
                .setOfferRef(offer.offerRef())
                .setOccurredAt(reject.at())
                .setChain(null)
                .setPayload(OfferRejected.newBuilder().setOperatorId(offer.operatorId()).setRejection(rejection(reject.refusal()))
                        .setDetail(reject.detail()).build())
                .build();
    }

    static ModeKind modeKind(Mode mode) {
        if (mode instanceof Mode.LowestPrice) {
            return ModeKind.AUCTION;
        }
        return mode instanceof Mode.ReputationPriority ? ModeKind.REPUTATION : ModeKind.RACE;
    }

    private static OfferRejection rejection(Refusal refusal) {
        switch (refusal) {
            case BID_UNKNOWN:
                return OfferRejection.BID_UNKNOWN;
            case BID_CLOSED:
                return OfferRejection.BID_CLOSED;
            default:
                return OfferRejection.INVALID;
        }
    }

    private static List<RankedOffer> ranking(List<Ranked> ranking) {
        return ranking.stream().map(line -> RankedOffer.newBuilder()
                .setRank(line.rank())
                .setOfferRef(line.offerRef())
                .setOperatorId(line.operatorId())
                .setPrice(line.price())
                .setScoreBps(line.scoreBps().isPresent() ? line.scoreBps().getAsInt() : null)
                .setConfirmedAt(line.confirmedAt())
                .setOutcome(OfferOutcome.valueOf(line.outcome().name()))
                .setDetail(line.detail())
                .build()).toList();
    }
}
