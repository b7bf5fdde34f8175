package dev.fabric.plutus.tx;

import java.nio.file.Path;

/** A signing key file is missing or unusable; the message names the role, the file and the problem, never the key. */
public final class InvalidKeyFileException extends RuntimeException {

    public InvalidKeyFileException(String role, Path file, String problem) {
        super(role + " signing key " + file + " " + problem);
    }
}
