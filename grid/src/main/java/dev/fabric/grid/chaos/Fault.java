package dev.fabric.grid.chaos;

import java.time.Duration;

/**
 * One fault of a chaos run: what fails, which part, and when (from the start of the chaos window).
 *
 * @param target process name for {@link Kind#KILL_SERVICE}; empty otherwise
 */
public record Fault(Kind kind, String target, Duration at) {

    /** The faults DESIGN.md §9 says the grid survives. */
    public enum Kind {
        KILL_SERVICE("kill -9 service"),
        RESTART_BROKER("kill -9 broker"),
        DROP_HEAD_LINK("head link dropped"),
        STALL_HEAD_LINK("head link stalled"),
        REPLAY_DELIVERIES("deliveries repeated + reordered");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public Fault {
        if (at.isNegative()) {
            throw new IllegalArgumentException("a fault cannot happen before the run: " + at);
        }
        if ((kind == Kind.KILL_SERVICE) == target.isEmpty()) {
            throw new IllegalArgumentException(kind + " " + (target.isEmpty() ? "needs a target" : "takes no target"));
        }
    }
}
