package dev.fabric.auction.topology;

import dev.fabric.auction.domain.Accept;
import dev.fabric.auction.domain.Bid;
import dev.fabric.auction.domain.Capacity;
import dev.fabric.auction.domain.Mode;
import dev.fabric.auction.domain.Offer;
import dev.fabric.events.MarketProgressMarks;
import dev.fabric.events.UtxoRef;
import dev.fabric.events.v1.bid.BidAccepted;
import dev.fabric.events.v1.bid.BidAwarded;
import dev.fabric.events.v1.bid.BidCancelled;
import dev.fabric.events.v1.bid.BidEvent;
import dev.fabric.events.v1.bid.BidOpened;
import dev.fabric.events.v1.common.AllocationMode;
import dev.fabric.events.v1.common.ResourceRequest;
import dev.fabric.events.v1.common.Resources;
import dev.fabric.events.v1.offer.OfferEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns bid and offer events into {@link AuctionInput}s, and says which events break the market's
 * invariants (those go to the dead-letter topic before they reach the processor). Events the auction
 * writes itself (BidExpired, OfferRejected) and OfferUsed (settlement's business) map to nothing;
 * progress marks map to {@link AuctionInput.Progress}.
 */
final class AuctionInputs {

    private AuctionInputs() {
    }

    // ---- invariants (DeadLetterRouting validators)

    static List<String> bidProblems(BidEvent event) {
        List<String> problems = new ArrayList<>();
        ref(problems, "bidRef", event.getBidRef());
        Object payload = event.getPayload();
        if (payload instanceof BidOpened opened) {
            ResourceRequest request = opened.getRequest();
            problems.addAll(Bid.termViolations(opened.getMinPrice(), opened.getMaxPrice(), capacity(request)));
            if (request.getDurationSeconds() <= 0) {
                problems.add("request.durationSeconds must be > 0, got " + request.getDurationSeconds());
            }
            if (opened.getEscrowLovelace() < opened.getMaxPrice()) {
                problems.add("escrowLovelace " + opened.getEscrowLovelace() + " < maxPrice " + opened.getMaxPrice());
            }
            problems.addAll(modeProblems(opened.getMode()));
            if (opened.getAllowedOperators().stream().anyMatch(String::isBlank)) {
                problems.add("allowedOperators contains a blank operatorId");
            }
        } else if (payload instanceof BidAccepted accepted) {
            if (accepted.getPrice() < 0) {
                problems.add("accept price must be >= 0, got " + accepted.getPrice());
            }
            operator(problems, accepted.getOperatorId());
            ref(problems, "leaseRef", accepted.getLeaseRef());
        } else if (payload instanceof BidCancelled cancelled && cancelled.getRefundedLovelace() < 0) {
            problems.add("refundedLovelace must be >= 0, got " + cancelled.getRefundedLovelace());
        }
        return problems;
    }

    static List<String> offerProblems(OfferEvent event) {
        List<String> problems = new ArrayList<>();
        ref(problems, "bidRef", event.getBidRef());
        ref(problems, "offerRef", event.getOfferRef());
        Object payload = event.getPayload();
        if (payload instanceof dev.fabric.events.v1.offer.OfferMade made) {
            problems.addAll(Offer.termViolations(made.getPrice(), capacity(made.getOffered())));
            operator(problems, made.getOperatorId());
        } else if (payload instanceof dev.fabric.events.v1.offer.OfferWithdrawn withdrawn) {
            operator(problems, withdrawn.getOperatorId());
        }
        return problems;
    }

    private static List<String> modeProblems(AllocationMode mode) {
        switch (mode.getKind()) {
            case RACE:
                return List.of();
            case AUCTION:
                return mode.getWindowMs() == null || mode.getWindowMs() <= 0
                        ? List.of("auction mode needs windowMs > 0, got " + mode.getWindowMs()) : List.of();
            case REPUTATION:
                List<String> problems = new ArrayList<>(2);
                if (mode.getMinScoreBps() == null || mode.getMinScoreBps() < 0 || mode.getMinScoreBps() > 10_000) {
                    problems.add("reputation mode needs minScoreBps within 0..10000, got " + mode.getMinScoreBps());
                }
                if (mode.getPriorityWindowMs() == null || mode.getPriorityWindowMs() <= 0) {
                    problems.add("reputation mode needs priorityWindowMs > 0, got " + mode.getPriorityWindowMs());
                }
                return problems;
            default:
                return List.of("allocation mode " + mode.getKind() + " is not one this auction knows");
        }
    }

    private static void ref(List<String> problems, String field, String value) {
        try {
            UtxoRef.parse(value);
        } catch (IllegalArgumentException e) {
            problems.add(field + ": " + e.getMessage());
        }
    }

    private static void operator(List<String> problems, String operatorId) {
        if (operatorId == null || operatorId.isBlank()) {
            problems.add("operatorId is blank");
        }
    }

    // ---- mapping (only called on valid events)

    static Optional<AuctionInput> fromBid(String key, BidEvent event) {
        if (MarketProgressMarks.isMark(event)) {
            return Optional.of(new AuctionInput.Progress(event, event.getOccurredAt()));
        }
        if (!event.getBidRef().equals(key)) {
            return Optional.of(new AuctionInput.Misplaced(event, event.getOccurredAt(),
                    "record key " + key + " is not the event's bidRef " + event.getBidRef()));
        }
        Object payload = event.getPayload();
        if (payload instanceof BidOpened opened) {
            return Optional.of(new AuctionInput.Opened(event, bid(event, opened)));
        }
        if (payload instanceof BidAccepted accepted) {
            return Optional.of(new AuctionInput.Accepted(event, new Accept(event.getEventId(), accepted.getOperatorId(),
                    accepted.getPrice(), accepted.getLeaseRef(), event.getOccurredAt())));
        }
        if (payload instanceof BidCancelled) {
            return Optional.of(new AuctionInput.Cancelled(event, event.getOccurredAt()));
        }
        if (payload instanceof BidAwarded awarded) {
            return Optional.of(new AuctionInput.AwardedOnHead(event, event.getOccurredAt(), awarded.getOperatorId()));
        }
        return Optional.empty();
    }

    static Optional<AuctionInput> fromOffer(String key, OfferEvent event) {
        if (MarketProgressMarks.isMark(event)) {
            return Optional.of(new AuctionInput.Progress(event, event.getOccurredAt()));
        }
        if (!event.getBidRef().equals(key)) {
            return Optional.of(new AuctionInput.Misplaced(event, event.getOccurredAt(),
                    "record key " + key + " is not the event's bidRef " + event.getBidRef()));
        }
        Object payload = event.getPayload();
        if (payload instanceof dev.fabric.events.v1.offer.OfferMade made) {
            return Optional.of(new AuctionInput.OfferMade(event, new Offer(event.getBidRef(), event.getOfferRef(), event.getEventId(),
                    made.getOperatorId(), made.getPrice(), capacity(made.getOffered()), made.getExpiry(), event.getOccurredAt(), null)));
        }
        if (payload instanceof dev.fabric.events.v1.offer.OfferWithdrawn withdrawn) {
            return Optional.of(new AuctionInput.OfferWithdrawn(event, event.getOccurredAt(), event.getOfferRef(),
                    withdrawn.getOperatorId()));
        }
        return Optional.empty();
    }

    private static Bid bid(BidEvent event, BidOpened opened) {
        return new Bid(event.getBidRef(), event.getEventId(), opened.getAppPkh(), opened.getArbiter(), capacity(opened.getRequest()),
                opened.getMinPrice(), opened.getMaxPrice(), mode(opened.getMode()), event.getOccurredAt(), opened.getDeadline(),
                opened.getAllowedOperators());
    }

    private static Mode mode(AllocationMode mode) {
        switch (mode.getKind()) {
            case AUCTION:
                return new Mode.LowestPrice(Duration.ofMillis(mode.getWindowMs()));
            case REPUTATION:
                return new Mode.ReputationPriority(mode.getMinScoreBps(), Duration.ofMillis(mode.getPriorityWindowMs()));
            default:
                return new Mode.Race();
        }
    }

    private static Capacity capacity(ResourceRequest request) {
        return new Capacity(request.getCpuMillis(), request.getMemoryMiB(), request.getStorageGiB(), request.getGpus());
    }

    private static Capacity capacity(Resources resources) {
        return new Capacity(resources.getCpuMillis(), resources.getMemoryMiB(), resources.getStorageGiB(), resources.getGpus());
    }
}
