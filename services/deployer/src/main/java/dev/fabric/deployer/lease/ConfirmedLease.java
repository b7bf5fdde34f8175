package dev.fabric.deployer.lease;

import dev.fabric.deployer.domain.BidTerms;
import dev.fabric.deployer.domain.Workload;
import dev.fabric.deployer.provisioning.model.LeaseSpec;
import java.time.Instant;
import java.util.Objects;

/** A Lease output the head confirmed (LeaseConfirmed), after boundary checks. */
public record ConfirmedLease(String bidRef, String leaseRef, String operatorId, String appPkh, long price,
                             Instant startAt, long durationSeconds) {

    public ConfirmedLease {
        Objects.requireNonNull(bidRef, "bidRef");
        Objects.requireNonNull(leaseRef, "leaseRef");
        Objects.requireNonNull(operatorId, "operatorId");
        Objects.requireNonNull(appPkh, "appPkh");
        Objects.requireNonNull(startAt, "startAt");
        if (durationSeconds <= 0) {
            throw new IllegalArgumentException("durationSeconds must be > 0, got " + durationSeconds);
        }
    }

    public Instant endsAt() {
        return startAt.plusSeconds(durationSeconds);
    }

    /** The lease's provisioning input: who and when from the lease, what from the bid. */
    public LeaseSpec toSpec(BidTerms bid, Workload workload) {
        return new LeaseSpec(bidRef, leaseRef, appPkh, operatorId, bid.request(), startAt, endsAt(), workload);
    }
}
