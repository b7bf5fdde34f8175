package dev.fabric.auction.domain;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Reputation priority, in three possible endings:
 * <ol>
 * <li>At the priority window's close, if an operator scoring at least {@code minScoreBps} made an
 *     eligible offer, the lowest price among such operators wins; the others lose as LOW_REPUTATION.</li>
 * <li>Otherwise, if anyone made an eligible offer in the priority window, the window has opened to
 *     all: the lowest price among all of them wins at the same instant.</li>
 * <li>Otherwise the bid stays open to all until its deadline and the first eligible offer confirmed
 *     wins at its confirmation time (deciding at once leaves settlement time before the deadline;
 *     waiting for the deadline would leave none). Without one, the bid expires at the deadline.</li>
 * </ol>
 * Scores are those in force at the decision instant.
 */
public final class ReputationPriorityRule implements AllocationRule {

    public static final ReputationPriorityRule INSTANCE = new ReputationPriorityRule();

    private ReputationPriorityRule() {
    }

    @Override
    public String name() {
        return "ReputationPriorityRule";
    }

    @Override
    public Instant checkAt(Bid bid, Collection<Offer> offers) {
        Instant priorityClose = bid.primaryCloseAt();
        if (offers.stream().anyMatch(offer -> Eligibility.eligibleInWindow(bid, offer, priorityClose))) {
            return priorityClose;
        }
        return firstOpenPhaseOffer(bid, offers).map(Offer::confirmedAt).orElse(bid.deadline());
    }

    @Override
    public Instant checkAtWith(Bid bid, Instant current, Offer added) {
        Instant priorityClose = bid.primaryCloseAt();
        if (Eligibility.eligibleInWindow(bid, added, priorityClose)) {
            return priorityClose;
        }
        if (eligibleInOpenPhase(bid, added) && added.confirmedAt().isBefore(current)) {
            return added.confirmedAt();
        }
        return current;
    }

    @Override
    public Verdict decide(Bid bid, Collection<Offer> offers, ScoreBook scores) {
        Mode.ReputationPriority mode = (Mode.ReputationPriority) bid.mode();
        Instant priorityClose = bid.primaryCloseAt();
        Instant at = checkAt(bid, offers);
        if (at.equals(priorityClose) && offers.stream().anyMatch(o -> Eligibility.eligibleInWindow(bid, o, priorityClose))) {
            boolean reputableOffered = offers.stream().anyMatch(o -> Eligibility.eligibleInWindow(bid, o, priorityClose)
                    && reputable(scores.scoreBps(o.operatorId(), priorityClose), mode));
            List<Ranked> ranking = reputableOffered
                    ? OfferRanking.rank(offers, priorityClose, scores,
                            c -> Eligibility.inWindow(bid, c.offer(), priorityClose).or(() -> lowReputation(c.scoreBps(), mode)),
                            "lowest eligible price among operators scoring >= " + mode.minScoreBps() + " bps")
                    : OfferRanking.rank(offers, priorityClose, scores, c -> Eligibility.inWindow(bid, c.offer(), priorityClose),
                            "lowest eligible price; no operator scoring >= " + mode.minScoreBps()
                                    + " bps offered in the priority window, so it opened to all");
            return new Verdict.Award(name(), priorityClose, priorityClose, ranking, bid.eventId(), null);
        }
        if (at.isBefore(bid.deadline())) {
            // Confirmed at or before `at`, still standing at `at`: only offers confirmed exactly at `at` qualify.
            Instant justAfter = at.plusMillis(1);
            List<Ranked> ranking = OfferRanking.rank(offers, at, scores, c -> Eligibility.check(bid, c.offer(), justAfter, at)
                            .map(loss -> loss.outcome() == Outcome.LATE
                                    ? new Eligibility.Loss(Outcome.LATE, "confirmed at " + c.offer().confirmedAt()
                                            + ", after the first eligible open-phase offer at " + at)
                                    : loss),
                    "first eligible offer after the priority window closed without one");
            return new Verdict.Award(name(), at, at, ranking, bid.eventId(), null);
        }
        List<Ranked> ranking = OfferRanking.rank(offers, bid.deadline(), scores,
                c -> Eligibility.inWindow(bid, c.offer(), bid.deadline()), "");
        return new Verdict.Expiry(bid.deadline(), "no eligible offer by the deadline (" + OfferRanking.summarise(ranking) + ")", ranking);
    }

    private static boolean reputable(OptionalInt score, Mode.ReputationPriority mode) {
        return score.isPresent() && score.getAsInt() >= mode.minScoreBps();
    }

    private static Optional<Eligibility.Loss> lowReputation(OptionalInt score, Mode.ReputationPriority mode) {
        if (reputable(score, mode)) {
            return Optional.empty();
        }
        String has = score.isPresent() ? "score " + score.getAsInt() + " bps" : "no score";
        return Optional.of(new Eligibility.Loss(Outcome.LOW_REPUTATION,
                has + ", below the " + mode.minScoreBps() + " bps the priority window requires"));
    }

    /** Confirmed after the priority window, before the deadline, and eligible at its own confirmation. */
    private static boolean eligibleInOpenPhase(Bid bid, Offer offer) {
        return !offer.confirmedAt().isBefore(bid.primaryCloseAt())
                && Eligibility.check(bid, offer, bid.deadline(), offer.confirmedAt()).isEmpty();
    }

    private static Optional<Offer> firstOpenPhaseOffer(Bid bid, Collection<Offer> offers) {
        return offers.stream().filter(offer -> eligibleInOpenPhase(bid, offer)).min(OfferRanking.BY_CONFIRMATION);
    }
}
