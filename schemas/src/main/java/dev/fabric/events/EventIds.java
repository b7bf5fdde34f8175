package dev.fabric.events;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Deterministic event ids: the same cause always yields the same id, so a replay (or a retried
 * producer) writes an event that downstream de-duplication recognises.
 */
public final class EventIds {

    private static final HexFormat HEX = HexFormat.of();
    /** 128 bits of SHA-256 is plenty against accidental collision and keeps keys short. */
    private static final int ID_BYTES = 16;

    private EventIds() {
    }

    /**
     * Derives an id from a kind (e.g. {@code "BidOpened"}) and the parts that identify its cause
     * (e.g. the head id and the UTxO reference). Parts are length-prefixed so that
     * {@code ("ab", "c")} and {@code ("a", "bc")} differ.
     */
    public static String of(String kind, Object... causeParts) {
        Objects.requireNonNull(kind, "kind");
        MessageDigest sha = sha256();
        update(sha, kind);
        for (Object part : causeParts) {
            update(sha, String.valueOf(Objects.requireNonNull(part, "cause part")));
        }
        byte[] digest = sha.digest();
        return HEX.formatHex(digest, 0, ID_BYTES);
    }

    private static void update(MessageDigest sha, String part) {
        byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
        int n = bytes.length;
        sha.update(new byte[] {(byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n});
        sha.update(bytes);
    }

    /**
     * One digest per thread: ids are derived on hot paths (bid-ingest derives two per confirmed
     * transaction), where a provider lookup per id costs as much as the hashing. {@code digest()} resets it.
     */
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
        }
    });

    private static MessageDigest sha256() {
        MessageDigest digest = SHA_256.get();
        digest.reset();
        return digest;
    }
}
