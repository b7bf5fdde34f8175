package dev.fabric.auction.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.OptionalInt;

/**
 * Race mode: the head decides. Two Accepts on one bid conflict and the head keeps one, so the first
 * confirmed Accept is the winner; the auction records it. Without an Accept by the deadline the bid
 * expires. Race bids take no offers.
 */
public final class RaceRule implements AllocationRule {

    public static final RaceRule INSTANCE = new RaceRule();

    private RaceRule() {
    }

    @Override
    public String name() {
        return "RaceRule";
    }

    @Override
    public Instant checkAt(Bid bid, Collection<Offer> offers) {
        return bid.deadline();
    }

    @Override
    public Instant checkAtWith(Bid bid, Instant current, Offer added) {
        return current;
    }

    @Override
    public Verdict decide(Bid bid, Collection<Offer> offers, ScoreBook scores) {
        return new Verdict.Expiry(bid.deadline(), "no accept confirmed by the deadline " + bid.deadline(), List.of());
    }

    /**
     * Where an accept breaks the bid's terms. The head's validator enforces them, so a violation
     * means the accept and the bid disagree about the chain: it is reported, not recorded as a win.
     */
    public List<String> violations(Bid bid, Accept accept) {
        List<String> problems = new ArrayList<>(3);
        if (!bid.priceInRange(accept.price())) {
            problems.add("accept price " + accept.price() + " outside " + bid.minPrice() + ".." + bid.maxPrice());
        }
        if (!bid.allows(accept.operatorId())) {
            problems.add("operator " + accept.operatorId() + " is not in the bid's allowed operators");
        }
        if (accept.confirmedAt().isAfter(bid.deadline())) {
            problems.add("accept confirmed at " + accept.confirmedAt() + ", after the deadline " + bid.deadline());
        }
        return problems;
    }

    /** The head's winner as a decision, at the accept's confirmation time. */
    public Verdict.Award award(Bid bid, Accept accept) {
        Ranked winner = new Ranked(1, null, accept.operatorId(), accept.price(), OptionalInt.empty(), accept.confirmedAt(),
                Outcome.WON, "first accept confirmed on the head");
        return new Verdict.Award(name(), accept.confirmedAt(), accept.confirmedAt(), List.of(winner), accept.eventId(),
                accept.leaseRef());
    }
}
