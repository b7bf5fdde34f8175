package dev.fabric.devnet.wallet;

import com.bloxbean.cardano.client.address.util.AddressUtil;
import com.bloxbean.cardano.client.crypto.Blake2bUtil;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * An Ed25519 payment key for devnet actors (applications, operators, benchmarks), derived
 * deterministically from a name so a local grid funds the same addresses on every start. Not for
 * real funds: the secret is a hash of a public label.
 */
public final class DevnetKey {

    private static final HexFormat HEX = HexFormat.of();
    /** Enterprise address (payment key, no stake part) on a test network: header 0b0110_0000. */
    private static final byte ENTERPRISE_KEY_TESTNET = 0x60;

    private final byte[] secret;
    private final byte[] vkey;
    private final String keyHash;

    private DevnetKey(byte[] secret) {
        this.secret = secret.clone();
        this.vkey = new byte[Ed25519.PUBLIC_KEY_SIZE];
        Ed25519.generatePublicKey(this.secret, 0, vkey, 0);
        this.keyHash = HEX.formatHex(Blake2bUtil.blake2bHash224(vkey));
    }

    public static DevnetKey fromName(String name) {
        return new DevnetKey(Blake2bUtil.blake2bHash256(("fabric-devnet:" + name).getBytes(StandardCharsets.UTF_8)));
    }

    /** @param secret the 32-byte Ed25519 seed */
    public static DevnetKey fromSecret(byte[] secret) {
        if (secret.length != Ed25519.SECRET_KEY_SIZE) {
            throw new IllegalArgumentException("an Ed25519 secret has 32 bytes, got " + secret.length);
        }
        return new DevnetKey(secret);
    }

    public byte[] vkey() {
        return vkey.clone();
    }

    public String vkeyHex() {
        return HEX.formatHex(vkey);
    }

    /** blake2b-224 of the verification key (hex): what addresses and required signers name. */
    public String keyHash() {
        return keyHash;
    }

    /** The enterprise address (bech32, {@code addr_test}) this key controls. */
    public String address() {
        byte[] bytes = new byte[29];
        bytes[0] = ENTERPRISE_KEY_TESTNET;
        System.arraycopy(HEX.parseHex(keyHash), 0, bytes, 1, 28);
        try {
            return AddressUtil.bytesToAddress(bytes);
        } catch (Exception e) {
            throw new IllegalStateException("cannot encode an enterprise address", e);
        }
    }

    public byte[] sign(byte[] message) {
        byte[] signature = new byte[Ed25519.SIGNATURE_SIZE];
        Ed25519.sign(secret, 0, message, 0, message.length, signature, 0);
        return signature;
    }

    @Override
    public String toString() {
        return "DevnetKey[" + keyHash + "]";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DevnetKey key && Arrays.equals(vkey, key.vkey);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(vkey);
    }
}
