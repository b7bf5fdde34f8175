package dev.fabric.auction.domain;

import java.time.Instant;
import java.util.Objects;

/** Race mode: an operator's Accept that the head confirmed (it spent the bid and created a lease). */
public record Accept(String eventId, String operatorId, long price, String leaseRef, Instant confirmedAt) {

    public Accept {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(operatorId, "operatorId");
        Objects.requireNonNull(leaseRef, "leaseRef");
        Objects.requireNonNull(confirmedAt, "confirmedAt");
    }
}
