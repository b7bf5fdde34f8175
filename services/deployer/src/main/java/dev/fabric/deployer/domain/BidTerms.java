package dev.fabric.deployer.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A bid as the operator sees it (the BidOpened event after boundary checks): what is asked, for
 * how long, at what price range, under which allocation mode and restrictions.
 *
 * @param region            required region, empty for any
 * @param allowedOperators  operators allowed to win; empty means anyone
 * @param workload          the workload spec, empty when the bid carries none
 */
public record BidTerms(String bidRef, String appPkh, Capacity request, long durationSeconds, Optional<String> region,
                       long minPrice, long maxPrice, AllocationKind mode, Instant deadline, Set<String> allowedOperators,
                       Optional<Workload> workload) {

    public BidTerms {
        Objects.requireNonNull(bidRef, "bidRef");
        Objects.requireNonNull(appPkh, "appPkh");
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(deadline, "deadline");
        allowedOperators = Set.copyOf(allowedOperators);
        Objects.requireNonNull(workload, "workload");
        if (durationSeconds <= 0) {
            throw new IllegalArgumentException("durationSeconds must be > 0, got " + durationSeconds);
        }
        if (minPrice < 0 || maxPrice < 0) {
            throw new IllegalArgumentException("prices must not be negative: min=" + minPrice + " max=" + maxPrice);
        }
    }
}
