package dev.fabric.grid.view;

/**
 * An event delivered more than once (same eventId): its kind, what caused it (the causationId of its
 * first delivery) and how many extra deliveries were seen. Chaos runs tell the repeats they injected
 * (and their consequences) from the ones a crash or restart produced.
 */
public record Repeat(String kind, String causationId, long extraDeliveries) {

    Repeat once() {
        return new Repeat(kind, causationId, extraDeliveries + 1);
    }
}
