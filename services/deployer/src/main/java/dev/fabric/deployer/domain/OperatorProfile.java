package dev.fabric.deployer.domain;

import java.util.Objects;
import java.util.Optional;

/**
 * Who this operator is and what it serves: the facts every bid is screened against.
 *
 * @param region the region its cluster is in; empty serves only bids without a region
 */
public record OperatorProfile(String operatorId, Optional<String> region, WorkloadRules rules) {

    public OperatorProfile {
        Objects.requireNonNull(operatorId, "operatorId");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(rules, "rules");
    }
}
