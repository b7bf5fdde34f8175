package dev.fabric.grid.cli;

/** Bad input given to the CLI (a file, an argument): printed as a one-line error, exit code 2. */
public final class CliInputException extends RuntimeException {

    public CliInputException(String message) {
        super(message);
    }

    public CliInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
