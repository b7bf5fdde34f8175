package dev.fabric.deployer.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The reservations of one operator, one per bid. Checking and reserving is one atomic step, so
 * two bids decided at the same time cannot both take the last free CPU. Thread-safe.
 *
 * <p>Every terminal path of a bid (lost auction, expired, cancelled, failed, terminated) calls
 * {@link #release}; {@link #expire} frees what such a path missed.
 */
public final class CapacityLedger {

    private final Map<String, Reservation> byBid = new LinkedHashMap<>();

    /** Result of {@link #reserve}. */
    public sealed interface Outcome {
        record Reserved(Reservation reservation) implements Outcome {
        }

        record Insufficient(String reason) implements Outcome {
        }
    }

    /**
     * Reserves {@code capacity} for a bid if it fits into what {@code allocatable} leaves free now
     * (expired holds do not count). A bid that already holds capacity keeps its hold: reserving
     * twice for one bid (a redelivered event) never doubles it.
     */
    public synchronized Outcome reserve(String bidRef, Capacity capacity, Reservation.Hold hold, Instant expiresAt,
                                        Capacity allocatable, Instant now) {
        expire(now);
        Reservation existing = byBid.get(bidRef);
        if (existing != null) {
            return new Outcome.Reserved(existing);
        }
        Capacity free = allocatable.minusFloored(reservedTotal());
        List<String> shortfalls = capacity.shortfalls(free);
        if (!shortfalls.isEmpty()) {
            return new Outcome.Insufficient("insufficient free capacity: " + String.join(", ", shortfalls));
        }
        Reservation reservation = new Reservation(bidRef, capacity, hold, expiresAt);
        byBid.put(bidRef, reservation);
        return new Outcome.Reserved(reservation);
    }

    /**
     * Holds capacity for a confirmed lease unconditionally, replacing an offer hold of the same bid.
     * A lease the head confirmed must be delivered even if the ledger thinks it overbooks (e.g.
     * after a restart lost an offer hold), so this never refuses.
     */
    public synchronized Reservation holdLease(String bidRef, Capacity capacity, Instant expiresAt) {
        Reservation reservation = new Reservation(bidRef, capacity, Reservation.Hold.LEASE, expiresAt);
        byBid.put(bidRef, reservation);
        return reservation;
    }

    /**
     * Frees the bid's hold only while it is an offer's: once the head confirmed a lease, its hold
     * belongs to the lease lifecycle, and a late or repeated market event must not free it.
     */
    public synchronized Optional<Reservation> releaseOfferHold(String bidRef) {
        Reservation existing = byBid.get(bidRef);
        if (existing == null || existing.hold() != Reservation.Hold.OFFER) {
            return Optional.empty();
        }
        return Optional.ofNullable(byBid.remove(bidRef));
    }

    /** Frees the bid's hold, if any. */
    public synchronized Optional<Reservation> release(String bidRef) {
        return Optional.ofNullable(byBid.remove(bidRef));
    }

    /** Drops every hold whose TTL passed and returns them. */
    public synchronized List<Reservation> expire(Instant now) {
        List<Reservation> expired = new ArrayList<>();
        for (Iterator<Reservation> it = byBid.values().iterator(); it.hasNext(); ) {
            Reservation r = it.next();
            if (r.expiredAt(now)) {
                expired.add(r);
                it.remove();
            }
        }
        return expired;
    }

    public synchronized Optional<Reservation> find(String bidRef) {
        return Optional.ofNullable(byBid.get(bidRef));
    }

    /** The inventory now: {@code allocatable} against the holds that have not expired. */
    public synchronized InventorySnapshot snapshot(Capacity allocatable, Instant now) {
        expire(now);
        return new InventorySnapshot(allocatable, reservedTotal(), List.copyOf(byBid.values()));
    }

    private Capacity reservedTotal() {
        Capacity total = Capacity.ZERO;
        for (Reservation r : byBid.values()) {
            total = total.plus(r.capacity());
        }
        return total;
    }
}
