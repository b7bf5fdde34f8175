package dev.fabric.auction.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The state machine of one bid's auction: for each input (and for the bid's timer coming due) it
 * decides the next state and the effects. Pure: the same state and input always give the same step,
 * which is what makes a replay of the topics reproduce every decision.
 *
 * <pre>
 *   (none) --offer--> AwaitingBid --grace passes--> forgotten, offers refused BID_UNKNOWN
 *   (none | AwaitingBid) --BidOpened--> Open --due: rule decides--> Closed(AWARDED | EXPIRED)
 *   Open --accept (race)--> Closed(AWARDED);  Open --cancel--> Closed(CANCELLED)
 *   Closed --retention passes--> forgotten;   Closed --offer--> refused BID_CLOSED
 * </pre>
 */
public final class AuctionLifecycle {

    private final Duration orphanGrace;
    private final Duration closedRetention;

    /**
     * @param orphanGrace     how long (event time) offers wait for a bid not seen opened
     * @param closedRetention how long (event time) a closed auction is kept after it closed
     */
    public AuctionLifecycle(Duration orphanGrace, Duration closedRetention) {
        this.orphanGrace = Objects.requireNonNull(orphanGrace, "orphanGrace");
        this.closedRetention = Objects.requireNonNull(closedRetention, "closedRetention");
    }

    /** A BidOpened. {@code held} are the offers kept for the bid before it was seen opened. */
    public Step bidOpened(Optional<AuctionState> current, Bid bid, Collection<Offer> held) {
        if (current.isPresent() && !(current.get() instanceof AuctionState.AwaitingBid)) {
            return Step.keep();
        }
        if (bid.mode() instanceof Mode.Race) {
            List<Effect> effects = new ArrayList<>();
            held.stream().sorted(OfferRanking.BY_CONFIRMATION).forEach(offer -> effects.add(raceRefusal(bid, offer)));
            return new Step.Move(new AuctionState.Open(bid, bid.rule().checkAt(bid, List.of())), effects);
        }
        return new Step.Move(new AuctionState.Open(bid, bid.rule().checkAt(bid, held)), List.of());
    }

    /** An OfferMade. {@code alreadyKept} when an offer with the same offerRef is kept already (a re-delivery). */
    public Step offerMade(Optional<AuctionState> current, Offer offer, boolean alreadyKept) {
        if (alreadyKept) {
            return Step.keep();
        }
        Effect store = new Effect.StoreOffer(offer);
        if (current.isEmpty()) {
            return new Step.Move(new AuctionState.AwaitingBid(offer.bidRef(), offer.confirmedAt(),
                    offer.confirmedAt().plus(orphanGrace)), List.of(store));
        }
        AuctionState state = current.get();
        if (state instanceof AuctionState.AwaitingBid awaiting) {
            if (!offer.confirmedAt().isBefore(awaiting.firstHeldAt())) {
                return Step.keep(store);
            }
            return new Step.Move(new AuctionState.AwaitingBid(awaiting.bidRef(), offer.confirmedAt(),
                    offer.confirmedAt().plus(orphanGrace)), List.of(store));
        }
        if (state instanceof AuctionState.Open open) {
            Bid bid = open.bid();
            if (bid.mode() instanceof Mode.Race) {
                return Step.keep(raceRefusal(bid, offer));
            }
            Instant due = bid.rule().checkAtWith(bid, open.dueAt(), offer);
            return due.equals(open.dueAt()) ? Step.keep(store) : new Step.Move(new AuctionState.Open(bid, due), List.of(store));
        }
        AuctionState.Closed closed = (AuctionState.Closed) state;
        Instant at = offer.confirmedAt().isAfter(closed.closedAt()) ? offer.confirmedAt() : closed.closedAt();
        return Step.keep(new Effect.Reject(offer, Refusal.BID_CLOSED,
                "auction closed at " + closed.closedAt() + " (" + closed.termination() + "); offer confirmed at " + offer.confirmedAt(), at));
    }

    /**
     * An OfferWithdrawn for {@code kept} (empty when the offer is not kept: unknown, or refused).
     * {@code offers} are the bid's kept offers, read only when the withdrawal can move the check.
     */
    public Step offerWithdrawn(Optional<AuctionState> current, Optional<Offer> kept, String operatorId, Instant at,
                               java.util.function.Supplier<List<Offer>> offers) {
        if (kept.isEmpty() || current.isEmpty() || current.get() instanceof AuctionState.Closed) {
            return Step.keep();
        }
        Offer offer = kept.get();
        if (!offer.operatorId().equals(operatorId)) {
            return Step.keep(new Effect.Report("withdrawal of offer " + offer.offerRef() + " by operator " + operatorId
                    + ", but operator " + offer.operatorId() + " made it"));
        }
        if (offer.withdrawnAt() != null) {
            return Step.keep();
        }
        Offer withdrawn = offer.withdrawn(at);
        Effect store = new Effect.StoreOffer(withdrawn);
        if (current.get() instanceof AuctionState.Open open) {
            List<Offer> after = new ArrayList<>();
            for (Offer other : offers.get()) {
                after.add(other.offerRef().equals(withdrawn.offerRef()) ? withdrawn : other);
            }
            Instant due = open.bid().rule().checkAt(open.bid(), after);
            if (!due.equals(open.dueAt())) {
                return new Step.Move(new AuctionState.Open(open.bid(), due), List.of(store));
            }
        }
        return Step.keep(store);
    }

    /** A BidAccepted: the head already decided a race. */
    public Step accepted(Optional<AuctionState> current, Accept accept) {
        if (current.isEmpty() || current.get() instanceof AuctionState.AwaitingBid) {
            return Step.keep(new Effect.Report("accept for a bid the auction has not seen opened"));
        }
        AuctionState state = current.get();
        Bid bid = state instanceof AuctionState.Open open ? open.bid() : ((AuctionState.Closed) state).bid();
        if (state instanceof AuctionState.Closed closed && closed.termination() != Termination.EXPIRED) {
            return Step.keep();
        }
        if (!(bid.mode() instanceof Mode.Race)) {
            String reason = "spent by an Accept of operator " + accept.operatorId() + ", but the bid is not in race mode";
            return new Step.Move(closed(bid, Termination.SPENT_ON_HEAD, accept.confirmedAt(), reason, List.of()),
                    List.of(new Effect.Report(reason)));
        }
        List<String> violations = RaceRule.INSTANCE.violations(bid, accept);
        if (!violations.isEmpty()) {
            String reason = "spent by an Accept that breaks the bid's terms: " + String.join("; ", violations);
            return new Step.Move(closed(bid, Termination.SPENT_ON_HEAD, accept.confirmedAt(), reason, List.of()),
                    List.of(new Effect.Report(reason)));
        }
        // An accept confirmed before the deadline wins even if the bid was expired meanwhile: the head is the truth.
        Verdict.Award award = RaceRule.INSTANCE.award(bid, accept);
        return new Step.Move(closed(bid, Termination.AWARDED, award.decidedAt(), "accepted by " + accept.operatorId(), award.ranking()),
                List.of(new Effect.Decide(bid, award)));
    }

    /** A BidCancelled: the auction closes at once. {@code held} are the offers kept for the bid. */
    public Step cancelled(Optional<AuctionState> current, Instant at, Collection<Offer> held) {
        if (current.isEmpty()) {
            return Step.keep();
        }
        AuctionState state = current.get();
        if (state instanceof AuctionState.AwaitingBid) {
            List<Effect> effects = new ArrayList<>();
            held.stream().sorted(OfferRanking.BY_CONFIRMATION).forEach(offer -> effects.add(new Effect.Reject(offer, Refusal.BID_CLOSED,
                    "bid cancelled at " + at, offer.confirmedAt().isAfter(at) ? offer.confirmedAt() : at)));
            return new Step.Forget(effects);
        }
        if (state instanceof AuctionState.Open open) {
            return new Step.Move(closed(open.bid(), Termination.CANCELLED, at, "cancelled by the application", List.of()), List.of());
        }
        AuctionState.Closed closed = (AuctionState.Closed) state;
        if (closed.termination() != Termination.AWARDED) {
            return Step.keep();
        }
        return new Step.Move(new AuctionState.Closed(closed.bid(), Termination.CANCELLED, closed.closedAt(),
                "cancelled by the application at " + at + " after: " + closed.reason(), closed.ranking(), closed.dueAt()), List.of());
    }

    /** A BidAwarded: the head confirmed an Award. It closes an auction that had not decided (the app awarded directly). */
    public Step awardedOnHead(Optional<AuctionState> current, Instant at, String operatorId) {
        if (current.isPresent() && current.get() instanceof AuctionState.Open open) {
            return new Step.Move(closed(open.bid(), Termination.SPENT_ON_HEAD, at,
                    "awarded on the head to " + operatorId + " before the auction decided", List.of()), List.of());
        }
        return Step.keep();
    }

    /** The state's {@code dueAt} was reached in event time. {@code offers} are the bid's kept offers. */
    public Step due(AuctionState state, List<Offer> offers, ScoreBook scores) {
        if (state instanceof AuctionState.AwaitingBid awaiting) {
            List<Effect> effects = new ArrayList<>();
            offers.stream().sorted(OfferRanking.BY_CONFIRMATION).forEach(offer -> effects.add(new Effect.Reject(offer, Refusal.BID_UNKNOWN,
                    "no BidOpened for " + awaiting.bidRef() + " within " + orphanGrace + " of the first offer for it", awaiting.dueAt())));
            return new Step.Forget(effects);
        }
        if (state instanceof AuctionState.Open open) {
            Bid bid = open.bid();
            Verdict verdict = bid.rule().decide(bid, offers, scores);
            if (verdict instanceof Verdict.Award award) {
                return new Step.Move(closed(bid, Termination.AWARDED, award.decidedAt(), "won by " + award.winner().operatorId(),
                        award.ranking()), List.of(new Effect.Decide(bid, award)));
            }
            Verdict.Expiry expiry = (Verdict.Expiry) verdict;
            return new Step.Move(closed(bid, Termination.EXPIRED, expiry.at(), expiry.reason(), expiry.ranking()),
                    List.of(new Effect.Expire(bid, expiry, offers.size())));
        }
        return new Step.Forget(List.of());
    }

    private AuctionState.Closed closed(Bid bid, Termination termination, Instant at, String reason, List<Ranked> ranking) {
        return new AuctionState.Closed(bid, termination, at, reason, ranking, at.plus(closedRetention));
    }

    private static Effect raceRefusal(Bid bid, Offer offer) {
        return new Effect.Reject(offer, Refusal.WRONG_MODE,
                "bid " + bid.bidRef() + " is in race mode: it takes an Accept on the head, not offers", offer.confirmedAt());
    }
}
