package dev.fabric.settlement.adapter;

import dev.fabric.plutus.datum.KeyHash;
import dev.fabric.plutus.tx.InvalidKeyFileException;
import dev.fabric.plutus.tx.KeyFiles;
import dev.fabric.plutus.tx.SigningKey;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * Loads the arbiter's signing key from a cardano-cli text envelope, the file {@code cardano-cli
 * address key-gen --signing-key-file} writes, and the form a Kubernetes secret mounts as a file:
 *
 * <pre>{"type": "PaymentSigningKeyShelley_ed25519", "description": "...", "cborHex": "5820&lt;64 hex&gt;"}</pre>
 *
 * <p>The reading and checking is {@code plutus}'s {@link KeyFiles}, shared with the deployer's
 * operator key. Every failure is an {@link InvalidArbiterKeyException} that names the file and what
 * is wrong with it, and never any part of the key.
 */
public final class ArbiterKeyFile {

    private ArbiterKeyFile() {
    }

    /**
     * @param expectedKeyHash when given, the loaded key must hash to it (catches a wrong secret mounted)
     */
    public static SigningKey load(Path file, Optional<String> expectedKeyHash) {
        try {
            if (expectedKeyHash.isEmpty()) {
                return KeyFiles.load(file, "arbiter");
            }
            return KeyFiles.load(file, "arbiter", KeyHash.ofHex(expectedKeyHash.get().toLowerCase(Locale.ROOT)),
                    "settlement.arbiter.key-hash");
        } catch (InvalidKeyFileException e) {
            throw new InvalidArbiterKeyException(e);
        }
    }

    /** Writes {@code seed} as a text envelope (the local grid's dev key; tests). */
    public static String envelope(byte[] seed, String description) {
        return KeyFiles.envelope(seed, description);
    }
}
