package dev.fabric.reputation.domain;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.HexFormat;

/**
 * Raw Ed25519 public keys (the 32 bytes of RFC 8032, as auditors publish them) to JDK keys. The
 * JDK reads public keys only as X.509 SubjectPublicKeyInfo, which for Ed25519 is a fixed 12-byte
 * header (SEQUENCE, AlgorithmIdentifier 1.3.101.112, BIT STRING) followed by the raw key.
 */
public final class Ed25519Keys {

    public static final int PUBLIC_KEY_BYTES = 32;
    public static final int SIGNATURE_BYTES = 64;
    private static final byte[] SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

    private Ed25519Keys() {
    }

    /** The JDK key for a raw public key in hex; rejects anything that is not 32 bytes of hex. */
    public static PublicKey publicKey(String hex) {
        byte[] raw;
        try {
            raw = HexFormat.of().parseHex(hex);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not hex: " + e.getMessage(), e);
        }
        if (raw.length != PUBLIC_KEY_BYTES) {
            throw new IllegalArgumentException("an Ed25519 public key has 32 bytes, got " + raw.length);
        }
        byte[] spki = new byte[SPKI_PREFIX.length + raw.length];
        System.arraycopy(SPKI_PREFIX, 0, spki, 0, SPKI_PREFIX.length);
        System.arraycopy(raw, 0, spki, SPKI_PREFIX.length, raw.length);
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an Ed25519 public key: " + e.getMessage(), e);
        }
    }

    /** The raw 32 bytes of a JDK Ed25519 public key, in hex (the inverse of {@link #publicKey}). */
    public static String rawHex(PublicKey key) {
        byte[] spki = key.getEncoded();
        return HexFormat.of().formatHex(spki, spki.length - PUBLIC_KEY_BYTES, spki.length);
    }
}
