package dev.fabric.grid.view;

import dev.fabric.events.v1.award.AuctionDecision;
import dev.fabric.events.v1.award.RankedOffer;
import dev.fabric.events.v1.bid.BidAccepted;
import dev.fabric.events.v1.bid.BidAwarded;
import dev.fabric.events.v1.bid.BidCancelled;
import dev.fabric.events.v1.bid.BidEvent;
import dev.fabric.events.v1.bid.BidExpired;
import dev.fabric.events.v1.bid.BidOpened;
import dev.fabric.events.v1.deployment.DeploymentEvent;
import dev.fabric.events.v1.deployment.Failed;
import dev.fabric.events.v1.deployment.Provisioning;
import dev.fabric.events.v1.deployment.Running;
import dev.fabric.events.v1.deployment.Terminated;
import dev.fabric.events.v1.offer.OfferEvent;
import dev.fabric.events.v1.offer.OfferMade;
import dev.fabric.events.v1.offer.OfferRejected;
import dev.fabric.events.v1.offer.OfferUsed;
import dev.fabric.events.v1.offer.OfferWithdrawn;
import dev.fabric.events.v1.reputation.OperatorScore;
import dev.fabric.events.v1.settlement.ClaimConfirmed;
import dev.fabric.events.v1.settlement.LeaseConfirmed;
import dev.fabric.events.v1.settlement.RefundConfirmed;
import dev.fabric.events.v1.settlement.SettlementEvent;
import dev.fabric.events.v1.settlement.SettlementFailed;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The market as the grid's summary line, dashboard and invariant checks see it: a projection of
 * the bid-scoped topics and the reputation scores. Not thread-safe: one feeder applies events,
 * readers take {@link #snapshot(Instant)} copies under the caller's lock.
 */
public final class MarketView {

    private static final Duration RATE_WINDOW = Duration.ofSeconds(10);
    private static final int RECENT_DECISIONS = 50;

    private final Map<String, BidRecord> bids = new LinkedHashMap<>();
    private final Map<String, OperatorScore> scores = new LinkedHashMap<>();
    private final Deque<Instant> offerArrivals = new ArrayDeque<>();
    private final Deque<AuctionDecision> recentDecisions = new ArrayDeque<>();
    private final Set<String> seenEventIds = new HashSet<>();
    private final Map<String, Repeat> repeats = new HashMap<>();
    private final List<String> violations = new ArrayList<>();
    private long offersTotal;
    private long deadLetters;

    /** Applies a bid event; events seen before (same eventId) are ignored. */
    public void apply(BidEvent event) {
        if (!firstDelivery("bid", event.getEventId(), event.getCausationId())) {
            return;
        }
        BidRecord bid = bids.computeIfAbsent(event.getBidRef(), BidRecord::new);
        Object payload = event.getPayload();
        if (payload instanceof BidOpened opened) {
            bid.opened = opened;
            bid.openedAt = event.getOccurredAt();
        } else if (payload instanceof BidAccepted accepted) {
            bid.close(BidStatus.ACCEPTED, event.getOccurredAt(), violations);
            bid.winner = accepted.getOperatorId();
            bid.price = accepted.getPrice();
        } else if (payload instanceof BidAwarded awarded) {
            bid.close(BidStatus.AWARDED, event.getOccurredAt(), violations);
            bid.winner = awarded.getOperatorId();
            bid.price = awarded.getPrice();
        } else if (payload instanceof BidCancelled) {
            bid.close(BidStatus.CANCELLED, event.getOccurredAt(), violations);
        } else if (payload instanceof BidExpired) {
            bid.close(BidStatus.EXPIRED, event.getOccurredAt(), violations);
        }
    }

    /** Applies an offer event; {@code arrivedAt} is the wall-clock arrival, for the offers/s rate. */
    public void apply(OfferEvent event, Instant arrivedAt) {
        if (!firstDelivery("offer", event.getEventId(), event.getCausationId())) {
            return;
        }
        BidRecord bid = bids.computeIfAbsent(event.getBidRef(), BidRecord::new);
        Object payload = event.getPayload();
        if (payload instanceof OfferMade made) {
            bid.offers.put(event.getOfferRef(), new OfferRecord(event.getOfferRef(), made.getOperatorId(), made.getPrice(),
                    event.getOccurredAt(), "made"));
            offersTotal++;
            offerArrivals.addLast(arrivedAt);
        } else if (payload instanceof OfferWithdrawn) {
            bid.offers.computeIfPresent(event.getOfferRef(), (k, o) -> o.withStatus("withdrawn"));
        } else if (payload instanceof OfferUsed) {
            bid.offers.computeIfPresent(event.getOfferRef(), (k, o) -> o.withStatus("used"));
        } else if (payload instanceof OfferRejected rejected) {
            bid.offers.computeIfPresent(event.getOfferRef(), (k, o) -> o.withStatus("rejected: " + rejected.getRejection()));
        }
    }

    public void apply(AuctionDecision decision) {
        if (!firstDelivery("decision", decision.getEventId(), decision.getCausationId())) {
            return;
        }
        BidRecord bid = bids.computeIfAbsent(decision.getBidRef(), BidRecord::new);
        if (bid.decision != null && !bid.decision.getWinnerOperatorId().equals(decision.getWinnerOperatorId())) {
            violations.add("double award on " + decision.getBidRef() + ": " + bid.decision.getWinnerOperatorId()
                    + " and " + decision.getWinnerOperatorId());
        }
        bid.decision = decision;
        recentDecisions.addFirst(decision);
        while (recentDecisions.size() > RECENT_DECISIONS) {
            recentDecisions.removeLast();
        }
    }

    public void apply(SettlementEvent event) {
        if (!firstDelivery("settlement", event.getEventId(), event.getCausationId())) {
            return;
        }
        BidRecord bid = bids.computeIfAbsent(event.getBidRef(), BidRecord::new);
        Object payload = event.getPayload();
        if (payload instanceof LeaseConfirmed lease) {
            bid.lease = lease;
            bid.settlement = "lease confirmed";
        } else if (payload instanceof ClaimConfirmed claim) {
            if (bid.leaseSettled) {
                violations.add("lease of " + event.getBidRef() + " settled twice");
            }
            bid.leaseSettled = true;
            bid.settlement = "claimed " + claim.getAmount();
        } else if (payload instanceof RefundConfirmed refund) {
            if (bid.leaseSettled) {
                violations.add("lease of " + event.getBidRef() + " settled twice");
            }
            bid.leaseSettled = true;
            bid.settlement = "refunded " + refund.getAmount();
        } else if (payload instanceof SettlementFailed failed) {
            bid.settlement = "failed: " + failed.getReason();
        }
    }

    public void apply(DeploymentEvent event) {
        if (!firstDelivery("deployment", event.getEventId(), event.getCausationId())) {
            return;
        }
        BidRecord bid = bids.computeIfAbsent(event.getBidRef(), BidRecord::new);
        Object payload = event.getPayload();
        if (payload instanceof Provisioning p) {
            bid.deployment = "provisioning " + p.getNamespace();
        } else if (payload instanceof Running r) {
            bid.deployment = "running " + r.getNamespace();
        } else if (payload instanceof Failed f) {
            bid.deployment = "failed: " + f.getReason();
        } else if (payload instanceof Terminated t) {
            bid.deployment = "terminated (" + t.getReason() + ")";
        }
    }

    public void apply(OperatorScore score) {
        scores.put(score.getOperatorId(), score);
    }

    /** False for an event seen before (same eventId): recorded as a repeat, then ignored. */
    private boolean firstDelivery(String kind, String eventId, CharSequence causationId) {
        if (seenEventIds.add(eventId)) {
            return true;
        }
        repeats.compute(eventId, (id, seen) -> (seen == null
                ? new Repeat(kind, causationId == null ? null : causationId.toString(), 0) : seen).once());
        return false;
    }

    /** Every repeated event by eventId. */
    public Map<String, Repeat> repeats() {
        return Map.copyOf(repeats);
    }

    public void deadLetterSeen() {
        deadLetters++;
    }

    /** A consistent copy of the view at {@code now}. */
    public MarketSnapshot snapshot(Instant now) {
        while (!offerArrivals.isEmpty() && offerArrivals.peekFirst().isBefore(now.minus(RATE_WINDOW))) {
            offerArrivals.removeFirst();
        }
        long open = 0;
        long awarded = 0;
        long accepted = 0;
        long expired = 0;
        long cancelled = 0;
        long leasesRunning = 0;
        long escrow = 0;
        List<MarketSnapshot.Bid> rows = new ArrayList<>();
        for (BidRecord bid : bids.values()) {
            if (bid.opened == null) {
                continue; // events of a bid opened before the view started reading
            }
            switch (bid.status) {
                case OPEN -> {
                    open++;
                    escrow += bid.opened.getEscrowLovelace();
                }
                case AWARDED -> awarded++;
                case ACCEPTED -> accepted++;
                case EXPIRED -> expired++;
                case CANCELLED -> cancelled++;
            }
            if (bid.lease != null && !bid.leaseSettled) {
                leasesRunning++;
                escrow += bid.lease.getPrice();
            }
            rows.add(bid.row());
        }
        rows.sort(Comparator.comparing(MarketSnapshot.Bid::openedAt, Comparator.nullsLast(Comparator.reverseOrder())));
        List<MarketSnapshot.Operator> board = scores.values().stream()
                .sorted(Comparator.comparingInt(OperatorScore::getScoreBps).reversed().thenComparing(OperatorScore::getOperatorId))
                .map(s -> new MarketSnapshot.Operator(s.getOperatorId(), s.getScoreBps(), s.getMean(), s.getSuccesses(),
                        s.getFailures(), s.getAttestations()))
                .toList();
        List<MarketSnapshot.Decision> decisions = recentDecisions.stream().map(MarketView::decisionRow).toList();
        double offersPerSecond = offerArrivals.size() / (double) RATE_WINDOW.toSeconds();
        return new MarketSnapshot(now, open, awarded, accepted, expired, cancelled, offersTotal, offersPerSecond,
                leasesRunning, escrow, deadLetters, rows, decisions, board, List.copyOf(violations));
    }

    /** Bids still open later than their deadline plus {@code grace} at {@code now}: each is a lost bid. */
    public List<String> overdueBids(Instant now, Duration grace) {
        return bids.values().stream()
                .filter(b -> b.opened != null && b.status == BidStatus.OPEN)
                .filter(b -> b.opened.getDeadline().plus(grace).isBefore(now))
                .map(b -> b.bidRef).toList();
    }

    public Optional<BidStatus> status(String bidRef) {
        BidRecord bid = bids.get(bidRef);
        return bid == null || bid.opened == null ? Optional.empty() : Optional.of(bid.status);
    }

    private static MarketSnapshot.Decision decisionRow(AuctionDecision d) {
        List<MarketSnapshot.Ranked> ranking = d.getRanking().stream().map(MarketView::rankedRow).toList();
        return new MarketSnapshot.Decision(d.getBidRef(), d.getMode().name(), d.getRule(), d.getWinnerOperatorId(), d.getPrice(),
                d.getWindowClosedAt(), ranking);
    }

    private static MarketSnapshot.Ranked rankedRow(RankedOffer r) {
        return new MarketSnapshot.Ranked(r.getRank(), r.getOperatorId(), r.getPrice(), r.getScoreBps(), r.getOutcome().name(), r.getDetail());
    }

    private record OfferRecord(String offerRef, String operatorId, long price, Instant at, String status) {
        OfferRecord withStatus(String newStatus) {
            return new OfferRecord(offerRef, operatorId, price, at, newStatus);
        }
    }

    private static final class BidRecord {
        final String bidRef;
        BidOpened opened;
        Instant openedAt;
        BidStatus status = BidStatus.OPEN;
        Instant closedAt;
        String winner;
        Long price;
        AuctionDecision decision;
        LeaseConfirmed lease;
        boolean leaseSettled;
        String settlement;
        String deployment;
        final Map<String, OfferRecord> offers = new LinkedHashMap<>();

        BidRecord(String bidRef) {
            this.bidRef = bidRef;
        }

        void close(BidStatus next, Instant at, List<String> violations) {
            // An expired bid still holds its escrow on the head until the application cancels it; the two
            // facts may reach the topic in either order (the auction's expiry is late after an outage), but
            // in event time the expiry comes first.
            boolean reclaimed = status == BidStatus.EXPIRED && next == BidStatus.CANCELLED;
            boolean expiredBeforeCancel = status == BidStatus.CANCELLED && next == BidStatus.EXPIRED && !at.isAfter(closedAt);
            boolean money = next == BidStatus.AWARDED || next == BidStatus.ACCEPTED;
            if (status.terminal() && !reclaimed && !expiredBeforeCancel && (status != next || money)) {
                violations.add("bid " + bidRef + " closed twice: " + status + " then " + next);
            }
            if (!expiredBeforeCancel) {
                status = next;
                closedAt = at;
            }
        }

        MarketSnapshot.Bid row() {
            return new MarketSnapshot.Bid(bidRef, opened.getMode().getKind().name(), status.name(), opened.getMinPrice(),
                    opened.getMaxPrice(), opened.getEscrowLovelace(), openedAt, opened.getDeadline(), offers.size(), winner, price,
                    deployment, settlement);
        }
    }
}
