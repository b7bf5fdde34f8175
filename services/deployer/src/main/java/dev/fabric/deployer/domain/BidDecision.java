package dev.fabric.deployer.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Decides the operator's response to an opened bid: declines what it may not or cannot serve,
 * prices the rest and answers per the bid's mode. Pure: no clock, no cluster, no head.
 */
public final class BidDecision {

    private BidDecision() {
    }

    public static BidResponse decide(BidTerms bid, OperatorProfile me, InventorySnapshot inventory, PricingPolicy pricing, Instant now) {
        Optional<String> screened = screen(bid, me, now);
        if (screened.isPresent()) {
            return new BidResponse.Decline(screened.get());
        }
        List<String> shortfalls = bid.request().shortfalls(inventory.free());
        if (!shortfalls.isEmpty()) {
            return new BidResponse.Decline("insufficient free capacity: " + String.join(", ", shortfalls));
        }
        PricingPolicy.Quote quote = pricing.quote(bid, inventory);
        if (quote instanceof PricingPolicy.Quote.Declined declined) {
            return new BidResponse.Decline(declined.reason());
        }
        PricingPolicy.Quote.Priced priced = (PricingPolicy.Quote.Priced) quote;
        // A policy is pluggable; the range is the validator's rule, so it is enforced here for all of them.
        if (priced.lovelace() < bid.minPrice() || priced.lovelace() > bid.maxPrice()) {
            return new BidResponse.Decline("pricing policy asked " + priced.lovelace() + ", outside the bid's range "
                    + bid.minPrice() + ".." + bid.maxPrice());
        }
        return switch (bid.mode()) {
            case RACE -> new BidResponse.Accept(priced.lovelace(), bid.request(), priced.detail());
            case AUCTION, REPUTATION -> new BidResponse.Offer(priced.lovelace(), bid.request(), bid.deadline(), priced.detail());
        };
    }

    /** Why the operator must stay out of this bid whatever the price; empty when it may compete. */
    public static Optional<String> screen(BidTerms bid, OperatorProfile me, Instant now) {
        if (!now.isBefore(bid.deadline())) {
            return Optional.of("deadline " + bid.deadline() + " has passed");
        }
        if (!bid.allowedOperators().isEmpty() && !bid.allowedOperators().contains(me.operatorId())) {
            return Optional.of("operator " + me.operatorId() + " is not among the bid's allowed operators");
        }
        if (bid.region().isPresent() && !bid.region().equals(me.region())) {
            return Optional.of("region " + bid.region().get() + " is not served (this operator: "
                    + me.region().orElse("no region") + ")");
        }
        if (Duration.ofSeconds(bid.durationSeconds()).compareTo(me.rules().maxLeaseDuration()) > 0) {
            return Optional.of("lease of " + bid.durationSeconds() + " s is longer than this operator's limit of "
                    + me.rules().maxLeaseDuration().toSeconds() + " s");
        }
        if (bid.workload().isEmpty()) {
            return Optional.of("bid carries no workload spec");
        }
        List<String> problems = WorkloadValidation.problems(bid.workload().get(), bid.request(), me.rules());
        if (!problems.isEmpty()) {
            return Optional.of("workload rejected: " + String.join("; ", problems));
        }
        return Optional.empty();
    }
}
