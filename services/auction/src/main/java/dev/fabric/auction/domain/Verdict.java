package dev.fabric.auction.domain;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** What a rule decided for a bid at its check instant: a winner, or that nobody can win. */
public sealed interface Verdict {

    /** The ranking behind the verdict (empty for a race expiry). */
    List<Ranked> ranking();

    /**
     * A winner: {@code ranking.get(0)}. {@code decidedAt} is the decision's event time;
     * {@code causationId} the event that made it (the bid, or a race accept).
     */
    record Award(String rule, Instant decidedAt, Instant windowClosedAt, List<Ranked> ranking, String causationId, String leaseRef)
            implements Verdict {
        public Award {
            Objects.requireNonNull(rule, "rule");
            Objects.requireNonNull(decidedAt, "decidedAt");
            Objects.requireNonNull(windowClosedAt, "windowClosedAt");
            Objects.requireNonNull(causationId, "causationId");
            ranking = List.copyOf(ranking);
            if (!OfferRanking.hasWinner(ranking)) {
                throw new IllegalArgumentException("an award needs a winner first in its ranking");
            }
        }

        public Ranked winner() {
            return ranking.get(0);
        }
    }

    /** Nobody can win any more: the bid expires at {@code at}. */
    record Expiry(Instant at, String reason, List<Ranked> ranking) implements Verdict {
        public Expiry {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(reason, "reason");
            ranking = List.copyOf(ranking);
        }
    }
}
