package dev.fabric.deployer.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * Capacity held for one bid. An OFFER hold lives until the auction decides (or the TTL passes); a
 * LEASE hold lives until the lease is torn down. The TTL is the safety net: a hold whose release
 * event never arrives still frees its capacity.
 */
public record Reservation(String bidRef, Capacity capacity, Hold hold, Instant expiresAt) {

    /** Why capacity is held. */
    public enum Hold {
        /** An offer or race accept is in flight or open. */
        OFFER,
        /** A confirmed lease owns a namespace. */
        LEASE
    }

    public Reservation {
        Objects.requireNonNull(bidRef, "bidRef");
        Objects.requireNonNull(capacity, "capacity");
        Objects.requireNonNull(hold, "hold");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    public boolean expiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }
}
