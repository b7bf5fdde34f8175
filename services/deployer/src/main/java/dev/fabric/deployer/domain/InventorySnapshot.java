package dev.fabric.deployer.domain;

import java.util.List;

/**
 * The operator's capacity at one instant: what its nodes can allocate (after configured caps),
 * what active leases and open offers hold, and what is left to sell.
 */
public record InventorySnapshot(Capacity allocatable, Capacity reserved, List<Reservation> reservations) {

    public InventorySnapshot {
        reservations = List.copyOf(reservations);
    }

    public Capacity free() {
        return allocatable.minusFloored(reserved);
    }

    /** Utilisation now, in basis points of the most used resource. */
    public int utilisationBps() {
        return reserved.utilisationBpsOf(allocatable);
    }

    /** Utilisation if {@code extra} were reserved too: what pricing charges a surcharge on. */
    public int utilisationBpsWith(Capacity extra) {
        return reserved.plus(extra).utilisationBpsOf(allocatable);
    }
}
