package dev.fabric.auction.domain;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An open bid as the auction sees it: the terms from the bid datum and the head's confirmation time,
 * which opens every window. {@code arbiter} is null when the bid names none; an empty
 * {@code allowedOperators} list lets anyone win.
 */
public record Bid(
        String bidRef,
        String eventId,
        String appPkh,
        String arbiter,
        Capacity request,
        long minPrice,
        long maxPrice,
        Mode mode,
        Instant openedAt,
        Instant deadline,
        List<String> allowedOperators) {

    public Bid {
        Objects.requireNonNull(bidRef, "bidRef");
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(appPkh, "appPkh");
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(openedAt, "openedAt");
        Objects.requireNonNull(deadline, "deadline");
        allowedOperators = List.copyOf(allowedOperators);
        if (minPrice < 0 || maxPrice < minPrice) {
            throw new IllegalArgumentException("price range must satisfy 0 <= minPrice <= maxPrice, got "
                    + minPrice + ".." + maxPrice);
        }
    }

    /** The violations of a bid's terms that make it impossible to auction; empty when it is sound. */
    public static List<String> termViolations(long minPrice, long maxPrice, Capacity request) {
        List<String> problems = new java.util.ArrayList<>(request.violations("request"));
        if (minPrice < 0) {
            problems.add("minPrice must be >= 0, got " + minPrice);
        }
        if (maxPrice < minPrice) {
            problems.add("maxPrice " + maxPrice + " < minPrice " + minPrice);
        }
        return problems;
    }

    public AllocationRule rule() {
        return mode.rule();
    }

    /**
     * End of the mode's first phase in event time, never after the deadline: the auction window's
     * close, the priority window's close, or (race) the deadline itself.
     */
    public Instant primaryCloseAt() {
        Instant close;
        if (mode instanceof Mode.LowestPrice lowestPrice) {
            close = openedAt.plus(lowestPrice.window());
        } else if (mode instanceof Mode.ReputationPriority priority) {
            close = openedAt.plus(priority.priorityWindow());
        } else {
            close = deadline;
        }
        return close.isAfter(deadline) ? deadline : close;
    }

    public boolean allows(String operatorId) {
        return allowedOperators.isEmpty() || allowedOperators.contains(operatorId);
    }

    public boolean priceInRange(long price) {
        return price >= minPrice && price <= maxPrice;
    }
}
