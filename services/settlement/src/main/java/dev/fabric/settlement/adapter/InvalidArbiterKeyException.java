package dev.fabric.settlement.adapter;

import java.nio.file.Path;

/** The arbiter key file is missing or unusable; the message says which file and why, never the key. */
public final class InvalidArbiterKeyException extends RuntimeException {

    public InvalidArbiterKeyException(Path file, String problem) {
        super("arbiter signing key " + file + " " + problem);
    }

    /** The shared loader's verdict, whose message already names the role, the file and the problem. */
    public InvalidArbiterKeyException(dev.fabric.plutus.tx.InvalidKeyFileException cause) {
        super(cause.getMessage(), cause);
    }
}
