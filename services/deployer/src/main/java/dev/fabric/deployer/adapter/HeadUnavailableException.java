package dev.fabric.deployer.adapter;

/** The head could not be read or reached; the operation may be retried later. */
public final class HeadUnavailableException extends RuntimeException {

    public HeadUnavailableException(String message) {
        super(message);
    }

    public HeadUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
