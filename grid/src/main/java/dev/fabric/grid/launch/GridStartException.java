package dev.fabric.grid.launch;

/** A process of the grid did not come up; the message says which and shows its last log lines. */
public final class GridStartException extends RuntimeException {

    public GridStartException(String message) {
        super(message);
    }
}
