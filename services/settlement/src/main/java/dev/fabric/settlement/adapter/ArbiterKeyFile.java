package dev.fabric.settlement.adapter;

import com.bloxbean.cardano.client.crypto.SecretKey;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fabric.plutus.datum.KeyHash;
import dev.fabric.plutus.tx.SigningKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;

/**
 * Loads the arbiter's signing key from a cardano-cli text envelope, the file {@code cardano-cli
 * address key-gen --signing-key-file} writes, and the form a Kubernetes secret mounts as a file:
 *
 * <pre>{"type": "PaymentSigningKeyShelley_ed25519", "description": "...", "cborHex": "5820&lt;64 hex&gt;"}</pre>
 *
 * <p>Every failure is an {@link InvalidArbiterKeyException} that names the file and what is wrong
 * with it, and never any part of the key.
 */
public final class ArbiterKeyFile {

    /** Envelope types holding a plain 32-byte Ed25519 payment signing key. */
    static final Set<String> SUPPORTED_TYPES = Set.of("PaymentSigningKeyShelley_ed25519");
    /** CBOR byte-string header of a 32-byte value. */
    private static final String CBOR_32_BYTES = "5820";
    /** A key file is a few hundred bytes; anything much bigger is the wrong file. */
    private static final long MAX_FILE_BYTES = 64 * 1024;

    private ArbiterKeyFile() {
    }

    /**
     * @param expectedKeyHash when given, the loaded key must hash to it (catches a wrong secret mounted)
     */
    public static SigningKey load(Path file, Optional<String> expectedKeyHash) {
        JsonNode envelope = readEnvelope(file);
        String type = envelope.path("type").asText("");
        if (!SUPPORTED_TYPES.contains(type)) {
            throw new InvalidArbiterKeyException(file, type.isEmpty()
                    ? "has no \"type\"; expected a cardano-cli text envelope of type PaymentSigningKeyShelley_ed25519"
                    : "is a " + type + "; expected PaymentSigningKeyShelley_ed25519 (a normal payment signing key, "
                    + "not a verification key or an extended key)");
        }
        String cborHex = envelope.path("cborHex").asText("").trim().toLowerCase(java.util.Locale.ROOT);
        if (cborHex.length() != CBOR_32_BYTES.length() + 64 || !cborHex.startsWith(CBOR_32_BYTES)
                || !cborHex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            throw new InvalidArbiterKeyException(file, "has a cborHex that is not a CBOR-wrapped 32-byte key "
                    + "(\"5820\" followed by 64 hex digits; found " + cborHex.length() + " characters)");
        }
        SigningKey key;
        try {
            key = SigningKey.of(SecretKey.create(HexFormat.of().parseHex(cborHex.substring(CBOR_32_BYTES.length()))));
        } catch (Exception e) {
            throw new InvalidArbiterKeyException(file, "does not hold a usable Ed25519 key (" + e.getClass().getSimpleName() + ")");
        }
        if (expectedKeyHash.isPresent() && !expectedKeyHash.get().equalsIgnoreCase(key.keyHash().hex())) {
            throw new InvalidArbiterKeyException(file, "holds the key of " + key.keyHash()
                    + " but settlement.arbiter.key-hash expects " + KeyHash.ofHex(expectedKeyHash.get()));
        }
        return key;
    }

    private static JsonNode readEnvelope(Path file) {
        byte[] bytes;
        try {
            if (Files.isDirectory(file)) {
                throw new InvalidArbiterKeyException(file, "is a directory; point settlement.arbiter.key-file at the key file "
                        + "inside the mounted secret");
            }
            if (Files.size(file) > MAX_FILE_BYTES) {
                throw new InvalidArbiterKeyException(file, "is larger than " + MAX_FILE_BYTES + " bytes: not a key file");
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new InvalidArbiterKeyException(file, "does not exist (is the secret mounted?)");
        } catch (IOException e) {
            throw new InvalidArbiterKeyException(file, "cannot be read: " + e.getClass().getSimpleName());
        }
        try {
            JsonNode node = new ObjectMapper().readTree(bytes);
            if (node == null || !node.isObject()) {
                throw new InvalidArbiterKeyException(file, "is not a JSON object (expected a cardano-cli text envelope)");
            }
            return node;
        } catch (IOException e) {
            // Jackson's message may quote the file's content, which may be the key: leave it out.
            throw new InvalidArbiterKeyException(file, "is not valid JSON (expected a cardano-cli text envelope)");
        }
    }

    /** Writes {@code seed} as a text envelope (the local grid's dev key; tests). */
    public static String envelope(byte[] seed, String description) {
        if (seed.length != 32) {
            throw new IllegalArgumentException("an Ed25519 seed has 32 bytes");
        }
        return "{\n    \"type\": \"PaymentSigningKeyShelley_ed25519\",\n    \"description\": \"" + description
                + "\",\n    \"cborHex\": \"" + CBOR_32_BYTES + HexFormat.of().formatHex(seed) + "\"\n}\n";
    }
}
