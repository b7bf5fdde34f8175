package dev.fabric.plutus.tx;

import com.bloxbean.cardano.client.crypto.SecretKey;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fabric.plutus.datum.KeyHash;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Loads a payment signing key from a cardano-cli text envelope, the file {@code cardano-cli address
 * key-gen --signing-key-file} writes and the form a Kubernetes secret mounts as a file:
 *
 * <pre>{"type": "PaymentSigningKeyShelley_ed25519", "description": "...", "cborHex": "5820&lt;64 hex&gt;"}</pre>
 *
 * <p>Every service that signs on the head loads its key here (the deployer its operator key,
 * settlement its arbiter key). Every failure is an {@link InvalidKeyFileException} naming the role,
 * the file and what is wrong with it, and never any part of the key: neither the content nor a
 * parser message that might quote it.
 */
public final class KeyFiles {

    /** The one envelope type holding a plain 32-byte Ed25519 payment signing key. */
    public static final String PAYMENT_SIGNING_KEY = "PaymentSigningKeyShelley_ed25519";
    /** CBOR byte-string header of a 32-byte value. */
    private static final String CBOR_32_BYTES = "5820";
    /** A key file is a few hundred bytes; anything much bigger is the wrong file. */
    private static final long MAX_FILE_BYTES = 64 * 1024;

    private KeyFiles() {
    }

    /**
     * @param role who the key belongs to, for messages ("operator", "arbiter")
     */
    public static SigningKey load(Path file, String role) {
        JsonNode envelope = readEnvelope(file, role);
        String type = envelope.path("type").asText("");
        if (!PAYMENT_SIGNING_KEY.equals(type)) {
            throw new InvalidKeyFileException(role, file, type.isEmpty()
                    ? "has no \"type\"; expected a cardano-cli text envelope of type " + PAYMENT_SIGNING_KEY
                    : "is a " + type + "; expected " + PAYMENT_SIGNING_KEY + " (a normal payment signing key, "
                    + "not a verification key or an extended key)");
        }
        String cborHex = envelope.path("cborHex").asText("").trim().toLowerCase(Locale.ROOT);
        if (cborHex.length() != CBOR_32_BYTES.length() + 64 || !cborHex.startsWith(CBOR_32_BYTES)
                || !cborHex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            throw new InvalidKeyFileException(role, file, "has a cborHex that is not a CBOR-wrapped 32-byte key "
                    + "(\"5820\" followed by 64 hex digits; found " + cborHex.length() + " characters)");
        }
        try {
            return SigningKey.of(SecretKey.create(HexFormat.of().parseHex(cborHex.substring(CBOR_32_BYTES.length()))));
        } catch (Exception e) {
            throw new InvalidKeyFileException(role, file, "does not hold a usable Ed25519 key (" + e.getClass().getSimpleName() + ")");
        }
    }

    /**
     * Loads the key and checks that it is the one the configuration names: a wrong secret mounted
     * fails here, at start, instead of signing transactions the validators then refuse.
     *
     * @param expectedFrom where {@code expected} comes from, for the message (e.g. a configuration key)
     */
    public static SigningKey load(Path file, String role, KeyHash expected, String expectedFrom) {
        SigningKey key = load(file, role);
        if (!key.keyHash().equals(expected)) {
            throw new InvalidKeyFileException(role, file, "holds the key of " + key.keyHash() + " but " + expectedFrom
                    + " is " + expected);
        }
        return key;
    }

    /** {@code seed} as a text envelope: for development key files and tests, never for real keys. */
    public static String envelope(byte[] seed, String description) {
        if (seed.length != 32) {
            throw new IllegalArgumentException("an Ed25519 seed has 32 bytes");
        }
        return "{\n    \"type\": \"" + PAYMENT_SIGNING_KEY + "\",\n    \"description\": \"" + description
                + "\",\n    \"cborHex\": \"" + CBOR_32_BYTES + HexFormat.of().formatHex(seed) + "\"\n}\n";
    }

    private static JsonNode readEnvelope(Path file, String role) {
        byte[] bytes;
        try {
            if (Files.isDirectory(file)) {
                throw new InvalidKeyFileException(role, file, "is a directory; point the configuration at the key file "
                        + "inside the mounted secret");
            }
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new InvalidKeyFileException(role, file, "is larger than " + MAX_FILE_BYTES + " bytes: not a key file");
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new InvalidKeyFileException(role, file, "does not exist (is the secret mounted?)");
        } catch (IOException e) {
            throw new InvalidKeyFileException(role, file, "cannot be read: " + e.getClass().getSimpleName());
        }
        try {
            JsonNode node = new ObjectMapper().readTree(bytes);
            if (node == null || !node.isObject()) {
                throw new InvalidKeyFileException(role, file, "is not a JSON object (expected a cardano-cli text envelope)");
            }
            return node;
        } catch (IOException e) {
            // Jackson's message may quote the file's content, which may be the key: leave it out.
            throw new InvalidKeyFileException(role, file, "is not valid JSON (expected a cardano-cli text envelope)");
        }
    }
}
