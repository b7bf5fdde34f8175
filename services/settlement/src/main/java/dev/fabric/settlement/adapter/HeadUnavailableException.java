package dev.fabric.settlement.adapter;

/** The head could not be asked (I/O, unexpected status) or is not ready for settlement yet; retry later. */
public final class HeadUnavailableException extends RuntimeException {

    public HeadUnavailableException(String message) {
        super(message);
    }

    public HeadUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
