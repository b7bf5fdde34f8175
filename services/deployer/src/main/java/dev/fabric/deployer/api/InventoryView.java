package dev.fabric.deployer.api;

import dev.fabric.deployer.domain.Capacity;
import dev.fabric.deployer.domain.InventorySnapshot;
import dev.fabric.deployer.domain.Reservation;
import java.time.Instant;
import java.util.List;

/** GET /inventory: what the operator has, holds and can still sell. */
public record InventoryView(Capacity allocatable, Capacity reserved, Capacity free, int utilisationBps, List<Hold> holds) {

    /** One reservation. */
    public record Hold(String bidRef, String kind, Capacity capacity, Instant expiresAt) {
    }

    public static InventoryView of(InventorySnapshot snapshot) {
        return new InventoryView(snapshot.allocatable(), snapshot.reserved(), snapshot.free(), snapshot.utilisationBps(),
                snapshot.reservations().stream().map(InventoryView::hold).toList());
    }

    private static Hold hold(Reservation r) {
        return new Hold(r.bidRef(), r.hold().name(), r.capacity(), r.expiresAt());
    }
}
