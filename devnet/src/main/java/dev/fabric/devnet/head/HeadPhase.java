package dev.fabric.devnet.head;

import dev.fabric.hydra.api.HeadStatus;

/** Where the head is in its 2.x lifecycle: Idle → Open → Closed → FanoutPossible → (fanout) Idle. */
public enum HeadPhase {
    IDLE(HeadStatus.IDLE),
    OPEN(HeadStatus.OPEN),
    CLOSED(HeadStatus.CLOSED),
    FANOUT_POSSIBLE(HeadStatus.FANOUT_POSSIBLE);

    private final HeadStatus status;

    HeadPhase(HeadStatus status) {
        this.status = status;
    }

    /** The {@code headStatus} Greetings reports. */
    public HeadStatus status() {
        return status;
    }
}
