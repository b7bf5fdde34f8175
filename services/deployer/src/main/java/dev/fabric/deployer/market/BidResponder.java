package dev.fabric.deployer.market;

import dev.fabric.deployer.adapter.HeadGateway;
import dev.fabric.deployer.adapter.HeadGateway.SubmitResult;
import dev.fabric.deployer.domain.BidDecision;
import dev.fabric.deployer.domain.BidResponse;
import dev.fabric.deployer.domain.BidTerms;
import dev.fabric.deployer.domain.Capacity;
import dev.fabric.deployer.domain.CapacityLedger;
import dev.fabric.deployer.domain.InventorySnapshot;
import dev.fabric.deployer.domain.OperatorProfile;
import dev.fabric.deployer.domain.PricingPolicy;
import dev.fabric.deployer.domain.Reservation;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * The operator's side of the market: answers opened bids (decide, reserve, submit), and releases
 * what it held when a bid ends without a lease for this operator (lost auction, taken by another
 * operator's accept, cancelled, expired, settlement failed), withdrawing its Offer UTxO so the
 * min-ADA comes back. Thread-safe; one instance per operator.
 */
public final class BidResponder {

    private static final Logger LOG = Logger.getLogger(BidResponder.class);

    private final OperatorProfile me;
    private final PricingPolicy pricing;
    private final CapacityLedger ledger;
    private final Supplier<Capacity> allocatable;
    private final BooleanSupplier inventoryReconciled;
    private final Optional<HeadGateway> gateway;
    private final Clock clock;
    private final Duration holdGrace;

    private final Map<String, OpenOffer> open = new LinkedHashMap<>();
    /** Offers that lost but whose Withdraw did not get a verdict yet, by bid. */
    private final Map<String, HeadGateway.WithdrawTx> withdrawals = new LinkedHashMap<>();
    /** Bids already answered or declined, so a redelivered BidOpened is not answered twice. */
    private final Map<String, Instant> answered = new LinkedHashMap<>();
    /**
     * Bids opened while the free capacity was unknown (before the inventory was reconciled after a
     * start), in arrival order: answered by the first sweep once it is known, unless they ended or
     * passed their deadline in between.
     */
    private final Map<String, BidTerms> deferred = new LinkedHashMap<>();

    /**
     * @param inventoryReconciled whether the ledger was rebuilt from the cluster after start; until
     *                            then bids are deferred, since the free capacity is unknown
     * @param gateway             empty when no head gateway is installed: decisions are then only recorded
     * @param holdGrace           how long past the bid's deadline an offer's hold survives without news
     */
    public BidResponder(OperatorProfile me, PricingPolicy pricing, CapacityLedger ledger, Supplier<Capacity> allocatable,
                        BooleanSupplier inventoryReconciled, Optional<HeadGateway> gateway, Clock clock, Duration holdGrace) {
        this.me = Objects.requireNonNull(me, "me");
        this.pricing = Objects.requireNonNull(pricing, "pricing");
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.allocatable = Objects.requireNonNull(allocatable, "allocatable");
        this.inventoryReconciled = Objects.requireNonNull(inventoryReconciled, "inventoryReconciled");
        this.gateway = Objects.requireNonNull(gateway, "gateway");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.holdGrace = Objects.requireNonNull(holdGrace, "holdGrace");
    }

    /** Decides and acts on an opened bid. */
    public synchronized BidHandled onBidOpened(BidTerms bid) {
        Instant now = clock.instant();
        if (answered.containsKey(bid.bidRef())) {
            return new BidHandled(bid.bidRef(), new BidResponse.Decline("already answered"), BidHandled.Submission.ALREADY_ANSWERED, "");
        }
        if (!inventoryReconciled.getAsBoolean()) {
            deferred.put(bid.bidRef(), bid);
            BidResponse.Decline notYet = new BidResponse.Decline("inventory not yet reconciled with the cluster; answered once it is");
            return new BidHandled(bid.bidRef(), notYet, BidHandled.Submission.DEFERRED, notYet.reason());
        }
        deferred.remove(bid.bidRef());
        answered.put(bid.bidRef(), bid.deadline().plus(holdGrace));
        Capacity total = allocatable.get();
        InventorySnapshot inventory = ledger.snapshot(total, now);
        BidResponse response = BidDecision.decide(bid, me, inventory, pricing, now);
        if (response instanceof BidResponse.Decline decline) {
            LOG.debugf("Declined bid %s: %s", bid.bidRef(), decline.reason());
            return new BidHandled(bid.bidRef(), response, BidHandled.Submission.DECLINED, decline.reason());
        }
        if (gateway.isEmpty()) {
            LOG.infof("Would answer bid %s with %s (no head gateway installed)", bid.bidRef(), response);
            return new BidHandled(bid.bidRef(), response, BidHandled.Submission.QUOTE_ONLY, "no head gateway");
        }
        CapacityLedger.Outcome reserved = ledger.reserve(bid.bidRef(), bid.request(), Reservation.Hold.OFFER,
                bid.deadline().plus(holdGrace), total, now);
        if (reserved instanceof CapacityLedger.Outcome.Insufficient insufficient) {
            return new BidHandled(bid.bidRef(), response, BidHandled.Submission.CAPACITY_TAKEN, insufficient.reason());
        }
        if (((CapacityLedger.Outcome.Reserved) reserved).reservation().hold() == Reservation.Hold.LEASE) {
            // A redelivered BidOpened of a bid this operator already holds a lease for.
            return new BidHandled(bid.bidRef(), new BidResponse.Decline("already leased"), BidHandled.Submission.ALREADY_ANSWERED,
                    "a lease of this operator holds the bid");
        }
        SubmitResult result;
        long price;
        if (response instanceof BidResponse.Accept accept) {
            price = accept.price();
            result = gateway.get().submitAccept(new HeadGateway.AcceptTx(bid.bidRef(), price, bid.deadline()));
        } else {
            BidResponse.Offer offer = (BidResponse.Offer) response;
            price = offer.price();
            result = gateway.get().submitOffer(new HeadGateway.OfferTx(bid.bidRef(), price, offer.offered(), offer.expiry()));
        }
        if (result instanceof SubmitResult.Valid valid) {
            open.put(bid.bidRef(), OpenOffer.answered(bid, price, valid.producedRef()));
            LOG.infof("Answered bid %s (%s) at %d lovelace: tx %s", bid.bidRef(), bid.mode(), price, valid.txId());
            return new BidHandled(bid.bidRef(), response, BidHandled.Submission.SUBMITTED, valid.txId());
        }
        ledger.releaseOfferHold(bid.bidRef());
        if (result instanceof SubmitResult.Invalid invalid) {
            // Losing a race is the normal case of race mode, not an error.
            LOG.debugf("Head refused our answer to bid %s: %s", bid.bidRef(), invalid.reason());
            return new BidHandled(bid.bidRef(), response, BidHandled.Submission.REFUSED_BY_HEAD, invalid.reason());
        }
        String reason = ((SubmitResult.Unavailable) result).reason();
        LOG.warnf("No verdict from the head for bid %s: %s", bid.bidRef(), reason);
        return new BidHandled(bid.bidRef(), response, BidHandled.Submission.HEAD_UNAVAILABLE, reason);
    }

    /** The auction decided; if another operator won, our offer lost. */
    public synchronized void onAuctionDecided(String bidRef, String winnerOperatorId) {
        if (!me.operatorId().equals(winnerOperatorId)) {
            abandon(bidRef, "lost the auction to " + winnerOperatorId);
        }
    }

    /** The bid was spent by an Accept or Award; if not ours, our answer is void. */
    public synchronized void onBidTaken(String bidRef, String operatorId) {
        if (!me.operatorId().equals(operatorId)) {
            abandon(bidRef, "bid taken by " + operatorId);
        }
    }

    /** The bid ended without a winner (cancelled, expired), or its award could not be settled. */
    public synchronized void onBidClosed(String bidRef, String why) {
        abandon(bidRef, why);
    }

    /** The lease for this bid is confirmed: the lease lifecycle holds the capacity from now on. */
    public synchronized void onLeaseConfirmed(String bidRef) {
        open.remove(bidRef);
    }

    /**
     * A bid that a lease of this operator on the head already took (found after a start): a redelivered
     * BidOpened of it is not answered again, even once that lease has ended and freed its capacity.
     */
    public synchronized void recoverTaken(String bidRef, Instant until) {
        answered.merge(bidRef, until, (a, b) -> a.isAfter(b) ? a : b);
        deferred.remove(bidRef);
    }

    /** The bid's terms, if this operator answered it and the outcome is still open. */
    public synchronized Optional<BidTerms> termsOf(String bidRef) {
        return Optional.ofNullable(open.get(bidRef)).flatMap(OpenOffer::terms);
    }

    /**
     * An offer of this operator that the head still holds for a bid that is still open, found after a
     * restart: its capacity is held again, and its outcome handled as if this process had made it.
     * If the capacity is no longer free (the cluster shrank, or leases took it), it is withdrawn: an
     * offer that cannot be delivered must not win.
     */
    public synchronized void recoverOpenOffer(HeadGateway.HeldOffer offer) {
        Instant now = clock.instant();
        Instant holdUntil = offer.expiry().plus(holdGrace);
        answered.put(offer.bidRef(), holdUntil);
        if (open.containsKey(offer.bidRef())) {
            return;
        }
        CapacityLedger.Outcome reserved = ledger.reserve(offer.bidRef(), offer.offered(), Reservation.Hold.OFFER, holdUntil,
                allocatable.get(), now);
        if (reserved instanceof CapacityLedger.Outcome.Insufficient insufficient) {
            LOG.warnf("Offer %s for bid %s no longer fits (%s); withdrawing it", offer.offerRef(), offer.bidRef(), insufficient.reason());
            attemptWithdraw(new HeadGateway.WithdrawTx(offer.bidRef(), offer.offerRef()));
            return;
        }
        open.put(offer.bidRef(), OpenOffer.recovered(offer));
        LOG.infof("Offer %s for bid %s is still open on the head; holding %s for it", offer.offerRef(), offer.bidRef(), offer.offered());
    }

    /** An offer of this operator found on the head after a restart whose bid is gone or which expired: reclaim its deposit. */
    public synchronized void recoverLostOffer(HeadGateway.HeldOffer offer) {
        answered.put(offer.bidRef(), clock.instant().plus(holdGrace));
        open.remove(offer.bidRef());
        ledger.releaseOfferHold(offer.bidRef());
        LOG.infof("Offer %s for bid %s lost or expired while this process was down; withdrawing it", offer.offerRef(), offer.bidRef());
        attemptWithdraw(new HeadGateway.WithdrawTx(offer.bidRef(), offer.offerRef()));
    }

    public synchronized List<OpenOffer> openOffers() {
        return List.copyOf(open.values());
    }

    /**
     * Time-driven housekeeping: bids deferred until the inventory was reconciled are answered once it
     * is, offers whose hold expired without any news are given up (their Offer withdrawn), and
     * withdrawals that got no verdict are retried.
     *
     * @return what became of the deferred bids answered now
     */
    public synchronized List<BidHandled> sweep() {
        Instant now = clock.instant();
        answered.values().removeIf(until -> !now.isBefore(until));
        List<BidHandled> answeredNow = answerDeferred(now);
        for (String bidRef : new ArrayList<>(open.keySet())) {
            OpenOffer offer = open.get(bidRef);
            if (!now.isBefore(offer.deadline().plus(holdGrace))) {
                abandon(bidRef, "no outcome by the deadline plus grace");
            }
        }
        for (HeadGateway.WithdrawTx withdraw : new ArrayList<>(withdrawals.values())) {
            attemptWithdraw(withdraw);
        }
        return answeredNow;
    }

    private List<BidHandled> answerDeferred(Instant now) {
        // pruned even while the inventory stays unknown, so a deployer that cannot reach its cluster does not hoard bids
        deferred.values().removeIf(bid -> {
            boolean over = !now.isBefore(bid.deadline());
            if (over) {
                LOG.infof("Bid %s reached its deadline before the inventory was reconciled; not answered", bid.bidRef());
            }
            return over;
        });
        if (deferred.isEmpty() || !inventoryReconciled.getAsBoolean()) {
            return List.of();
        }
        List<BidTerms> waiting = List.copyOf(deferred.values());
        deferred.clear();
        List<BidHandled> handled = new ArrayList<>();
        for (BidTerms bid : waiting) {
            BidHandled outcome = onBidOpened(bid);
            LOG.infof("Deferred bid %s answered: %s %s", bid.bidRef(), outcome.submission(), outcome.detail());
            handled.add(outcome);
        }
        return handled;
    }

    /** Bids waiting for the inventory to be reconciled (for tests). */
    public synchronized List<String> deferredBids() {
        return List.copyOf(deferred.keySet());
    }

    private void abandon(String bidRef, String why) {
        deferred.remove(bidRef);
        OpenOffer offer = open.remove(bidRef);
        ledger.releaseOfferHold(bidRef).ifPresent(r -> LOG.debugf("Released %s held for bid %s: %s", r.capacity(), bidRef, why));
        if (offer == null) {
            return;
        }
        LOG.infof("Bid %s: %s", bidRef, why);
        offer.withdrawableOfferRef().ifPresent(ref -> attemptWithdraw(new HeadGateway.WithdrawTx(bidRef, ref)));
    }

    private void attemptWithdraw(HeadGateway.WithdrawTx withdraw) {
        if (gateway.isEmpty()) {
            return;
        }
        SubmitResult result = gateway.get().withdrawOffer(withdraw);
        if (result instanceof SubmitResult.Unavailable unavailable) {
            withdrawals.put(withdraw.bidRef(), withdraw);
            LOG.warnf("Withdraw of offer %s got no verdict (%s); will retry", withdraw.offerRef(), unavailable.reason());
            return;
        }
        withdrawals.remove(withdraw.bidRef());
        if (result instanceof SubmitResult.Invalid invalid) {
            // Already spent: used by an award we have not heard of yet, or withdrawn by an earlier run.
            LOG.infof("Withdraw of offer %s refused: %s", withdraw.offerRef(), invalid.reason());
        }
    }

    /** Withdrawals waiting for a retry (for tests). */
    public synchronized List<HeadGateway.WithdrawTx> pendingWithdrawals() {
        return List.copyOf(withdrawals.values());
    }
}
