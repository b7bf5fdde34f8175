package dev.fabric.deployer.adapter;

/** An input record that cannot be processed as it is: it goes to the dead-letter topic with this message. */
public final class InvalidEventException extends Exception {

    public InvalidEventException(String reason) {
        super(reason);
    }

    public InvalidEventException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
