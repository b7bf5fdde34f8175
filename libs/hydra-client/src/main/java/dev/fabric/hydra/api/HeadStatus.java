package dev.fabric.hydra.api;

/**
 * The head status {@code Greetings} reports. {@link #UNKNOWN} stands for any value this client does
 * not know (the raw string stays available on {@link Greetings#headStatus()}).
 */
public enum HeadStatus {
    IDLE("Idle"),
    OPEN("Open"),
    CLOSED("Closed"),
    FANOUT_POSSIBLE("FanoutPossible"),
    /** master only: a partial fanout is in progress. */
    FANNING_OUT("FanningOut"),
    /** 1.x only (commit phase). */
    INITIALIZING("Initializing"),
    /** 1.x only. */
    FINAL("Final"),
    UNKNOWN("");

    private final String wire;

    HeadStatus(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static HeadStatus fromWire(String value) {
        for (HeadStatus status : values()) {
            if (status != UNKNOWN && status.wire.equals(value)) {
                return status;
            }
        }
        return UNKNOWN;
    }
}
