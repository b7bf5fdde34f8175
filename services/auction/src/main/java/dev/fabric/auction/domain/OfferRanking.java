package dev.fabric.auction.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;

/**
 * Ranks a bid's offers: lowest price wins; ties go to the higher reputation, then the earlier
 * confirmation, then the smaller operatorId, and finally the smaller offerRef, so two offers never
 * tie. Offers that cannot win follow with rank 0 and their reason, in confirmation order. The
 * result does not depend on the order the offers are given in.
 */
public final class OfferRanking {

    /** An offer with its operator's score at the decision: what eligibility checks look at. */
    public record Candidate(Offer offer, OptionalInt scoreBps) {
    }

    /** Unscored operators rank below any scored one on a reputation tie. */
    private static final Comparator<OptionalInt> HIGHER_SCORE_FIRST =
            Comparator.comparingInt((OptionalInt score) -> score.isPresent() ? score.getAsInt() : -1).reversed();

    private static final Comparator<Candidate> WINNER_FIRST = Comparator
            .comparingLong((Candidate c) -> c.offer().price())
            .thenComparing(Candidate::scoreBps, HIGHER_SCORE_FIRST)
            .thenComparing(c -> c.offer().confirmedAt())
            .thenComparing(c -> c.offer().operatorId())
            .thenComparing(c -> c.offer().offerRef());

    /** Confirmation order, offerRef breaking ties: the order ineligible offers are listed in. */
    public static final Comparator<Offer> BY_CONFIRMATION =
            Comparator.comparing(Offer::confirmedAt).thenComparing(Offer::offerRef);

    private OfferRanking() {
    }

    /**
     * Ranks {@code offers} with scores as of {@code decidedAt}. {@code loss} says why a candidate
     * cannot win (empty = eligible): that is where each rule's window and phase come in.
     *
     * @return the ranking; its first line has rank 1 and outcome WON only if some offer was eligible
     */
    public static List<Ranked> rank(Collection<Offer> offers, Instant decidedAt, ScoreBook scores,
                                    Function<Candidate, Optional<Eligibility.Loss>> loss, String winnerDetail) {
        List<Candidate> eligible = new ArrayList<>();
        List<Ranked> ineligible = new ArrayList<>();
        offers.stream().sorted(BY_CONFIRMATION).forEach(offer -> {
            Candidate candidate = new Candidate(offer, scores.scoreBps(offer.operatorId(), decidedAt));
            Optional<Eligibility.Loss> reason = loss.apply(candidate);
            if (reason.isPresent()) {
                ineligible.add(line(0, candidate, reason.get().outcome(), reason.get().detail()));
            } else {
                eligible.add(candidate);
            }
        });
        eligible.sort(WINNER_FIRST);
        List<Ranked> ranking = new ArrayList<>(offers.size());
        for (int i = 0; i < eligible.size(); i++) {
            ranking.add(i == 0 ? line(1, eligible.get(0), Outcome.WON, winnerDetail) : lost(i + 1, eligible.get(i), eligible.get(0)));
        }
        ranking.addAll(ineligible);
        return List.copyOf(ranking);
    }

    /** Whether a ranking has a winner. */
    public static boolean hasWinner(List<Ranked> ranking) {
        return !ranking.isEmpty() && ranking.get(0).outcome() == Outcome.WON;
    }

    /** "3 offers: 2 LATE, 1 PRICE_OUT_OF_RANGE": why nobody won, in a stable order. */
    public static String summarise(List<Ranked> ranking) {
        if (ranking.isEmpty()) {
            return "no offers";
        }
        Map<Outcome, Integer> counts = new EnumMap<>(Outcome.class);
        ranking.forEach(line -> counts.merge(line.outcome(), 1, Integer::sum));
        List<String> parts = new ArrayList<>();
        counts.forEach((outcome, count) -> parts.add(count + " " + outcome));
        return ranking.size() + (ranking.size() == 1 ? " offer: " : " offers: ") + String.join(", ", parts);
    }

    private static Ranked lost(int rank, Candidate loser, Candidate winner) {
        Offer offer = loser.offer();
        Offer best = winner.offer();
        if (offer.price() != best.price()) {
            return line(rank, loser, Outcome.OUTBID, "price " + offer.price() + " > winning " + best.price());
        }
        if (HIGHER_SCORE_FIRST.compare(loser.scoreBps(), winner.scoreBps()) != 0) {
            return line(rank, loser, Outcome.TIE_LOST_REPUTATION,
                    "same price, score " + describe(loser.scoreBps()) + " < winner's " + describe(winner.scoreBps()));
        }
        if (!offer.confirmedAt().equals(best.confirmedAt())) {
            return line(rank, loser, Outcome.TIE_LOST_CONFIRMATION_TIME,
                    "same price and score, confirmed at " + offer.confirmedAt() + ", after the winner at " + best.confirmedAt());
        }
        String detail = offer.operatorId().equals(best.operatorId())
                ? "same operator, price, score and confirmation time: offerRef " + offer.offerRef() + " sorts after " + best.offerRef()
                : "same price, score and confirmation time: operatorId " + offer.operatorId() + " sorts after " + best.operatorId();
        return line(rank, loser, Outcome.TIE_LOST_OPERATOR_ID, detail);
    }

    private static String describe(OptionalInt score) {
        return score.isPresent() ? score.getAsInt() + " bps" : "none";
    }

    private static Ranked line(int rank, Candidate candidate, Outcome outcome, String detail) {
        Offer offer = candidate.offer();
        return new Ranked(rank, offer.offerRef(), offer.operatorId(), offer.price(), candidate.scoreBps(), offer.confirmedAt(),
                outcome, detail);
    }
}
