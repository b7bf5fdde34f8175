package dev.fabric.settlement.domain;

import java.util.Objects;
import java.util.Optional;

/**
 * A Lease output on the head, as its inline datum states it.
 *
 * @param leaseRef  the Lease UTxO ({@code txId#0} of the Accept/Award transaction)
 * @param price     lovelace locked in the lease (the validator makes it the output's whole value)
 * @param startMs   POSIX ms; the operator may claim alone from {@code startMs + durationSeconds}
 */
public record LeaseTerms(String leaseRef, String bidRef, String operatorId, String appPkh, long price, long startMs,
                         long durationSeconds, Optional<String> arbiter) {

    public LeaseTerms {
        Objects.requireNonNull(leaseRef, "leaseRef");
        Objects.requireNonNull(bidRef, "bidRef");
        Objects.requireNonNull(operatorId, "operatorId");
        Objects.requireNonNull(appPkh, "appPkh");
        arbiter = arbiter == null ? Optional.empty() : arbiter;
    }

    /** The transaction that created the lease. */
    public String createdBy() {
        return leaseRef.substring(0, leaseRef.indexOf('#'));
    }
}
