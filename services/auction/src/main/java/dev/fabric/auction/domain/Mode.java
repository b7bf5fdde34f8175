package dev.fabric.auction.domain;

import java.time.Duration;
import java.util.Objects;

/** How a bid's winner is picked (DESIGN.md §6). Each mode is decided by its own {@link AllocationRule}. */
public sealed interface Mode {

    /** The rule that decides bids in this mode. */
    AllocationRule rule();

    /** The head decides: the first confirmed Accept wins. */
    record Race() implements Mode {
        @Override
        public AllocationRule rule() {
            return RaceRule.INSTANCE;
        }
    }

    /** Lowest eligible price confirmed within {@code window} of the bid's confirmation wins. */
    record LowestPrice(Duration window) implements Mode {
        public LowestPrice {
            Objects.requireNonNull(window, "window");
            if (window.isNegative() || window.isZero()) {
                throw new IllegalArgumentException("auction window must be positive, got " + window);
            }
        }

        @Override
        public AllocationRule rule() {
            return LowestPriceRule.INSTANCE;
        }
    }

    /**
     * During {@code priorityWindow} only operators scoring at least {@code minScoreBps} may win; if
     * none of them made an eligible offer, the bid opens to everyone until its deadline.
     */
    record ReputationPriority(int minScoreBps, Duration priorityWindow) implements Mode {
        public ReputationPriority {
            Objects.requireNonNull(priorityWindow, "priorityWindow");
            if (minScoreBps < 0 || minScoreBps > 10_000) {
                throw new IllegalArgumentException("minScoreBps must be within 0..10000, got " + minScoreBps);
            }
            if (priorityWindow.isNegative() || priorityWindow.isZero()) {
                throw new IllegalArgumentException("priority window must be positive, got " + priorityWindow);
            }
        }

        @Override
        public AllocationRule rule() {
            return ReputationPriorityRule.INSTANCE;
        }
    }
}
