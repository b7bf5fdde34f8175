package dev.fabric.settlement.topology;

import dev.fabric.events.v1.dlq.DeadLetter;
import dev.fabric.events.v1.settlement.SettlementEvent;

/** What the settlement processor emits: an event for {@code fabric.settlements} or a dead letter. */
sealed interface SettlementOutput {

    record Event(SettlementEvent event) implements SettlementOutput {
    }

    record DeadLettered(DeadLetter deadLetter) implements SettlementOutput {
    }
}
