package dev.fabric.reputation.domain;

import java.security.PublicKey;
import java.util.Objects;

/**
 * A trusted auditor of the grid.
 *
 * @param name         how operators and the explanation call it (config key)
 * @param publicKeyHex raw 32-byte Ed25519 public key, lower-case hex: the attestations' auditorId
 */
public record Auditor(String name, String publicKeyHex, PublicKey publicKey) {

    public Auditor {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(publicKeyHex, "publicKeyHex");
        Objects.requireNonNull(publicKey, "publicKey");
    }
}
