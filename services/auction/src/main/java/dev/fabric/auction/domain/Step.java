package dev.fabric.auction.domain;

import java.util.List;
import java.util.Objects;

/** The result of one lifecycle transition: what happens to the bid's state, and the effects. */
public sealed interface Step {

    List<Effect> effects();

    /** The state stays as it was. */
    record Keep(List<Effect> effects) implements Step {
        public Keep {
            effects = List.copyOf(effects);
        }
    }

    /** The state becomes {@code next}. */
    record Move(AuctionState next, List<Effect> effects) implements Step {
        public Move {
            Objects.requireNonNull(next, "next");
            effects = List.copyOf(effects);
        }
    }

    /** The bid is forgotten: its state, its offers and its timer go. */
    record Forget(List<Effect> effects) implements Step {
        public Forget {
            effects = List.copyOf(effects);
        }
    }

    static Step keep(Effect... effects) {
        return new Keep(List.of(effects));
    }
}
