package dev.fabric.plutus.datum;

import com.bloxbean.cardano.client.plutus.spec.PlutusData;
import com.bloxbean.cardano.client.util.HexUtil;

import java.util.HexFormat;

/**
 * A 28-byte payment key hash (blake2b-224 of an Ed25519 verification key), held as lowercase hex.
 * For an operator, {@link #hex()} is its {@code operatorId}.
 */
public record KeyHash(String hex) {

    public static final int LENGTH = 28;

    public KeyHash {
        if (!LowerHex.is(hex, LENGTH * 2)) {
            throw new IllegalArgumentException("key hash must be " + LENGTH + " bytes as lowercase hex, got " + hex);
        }
    }

    public static KeyHash of(byte[] bytes) {
        if (bytes == null || bytes.length != LENGTH) {
            throw new IllegalArgumentException("key hash must be " + LENGTH + " bytes, got "
                    + (bytes == null ? "none" : bytes.length));
        }
        return new KeyHash(HexFormat.of().formatHex(bytes));
    }

    public static KeyHash ofHex(String hex) {
        return new KeyHash(hex == null ? null : hex.toLowerCase(java.util.Locale.ROOT));
    }

    public byte[] bytes() {
        return HexUtil.decodeHexString(hex);
    }

    public PlutusData toPlutusData() {
        return DataWriter.bytes(bytes());
    }

    static KeyHash read(PlutusData data, String path) {
        return of(DataReader.bytesOfLength(data, path, LENGTH));
    }

    @Override
    public String toString() {
        return hex;
    }
}
