package dev.fabric.ingest.domain.tx;

import com.bloxbean.cardano.client.crypto.Base58;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Renders raw address bytes the way hydra-node and wallets show them: bech32 ({@code addr} /
 * {@code addr_test}, CIP-19) for Shelley addresses, base58 for Byron ones. A small cache keeps the
 * hot path cheap, since the same script and party addresses recur in almost every transaction.
 */
public final class AddressText {

    private static final String CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
    private static final int[] GENERATOR = {0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3};
    private static final int CACHE_ENTRIES = 4096;

    private final Map<Key, String> cache = new LinkedHashMap<>(CACHE_ENTRIES * 2, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, String> eldest) {
            return size() > CACHE_ENTRIES;
        }
    };

    private record Key(byte[] bytes) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Arrays.equals(bytes, k.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }
    }

    /** Not thread-safe: each head's pipeline owns one. */
    public String render(byte[] address) {
        Key key = new Key(address);
        String text = cache.get(key);
        if (text == null) {
            text = renderUncached(address);
            cache.put(key, text);
        }
        return text;
    }

    public static String renderUncached(byte[] address) {
        int type = (address[0] & 0xff) >>> 4;
        if (type == 8) {
            return Base58.encode(address);
        }
        boolean mainnet = (address[0] & 0x0f) == 1;
        String hrp = type >= 14 ? (mainnet ? "stake" : "stake_test") : (mainnet ? "addr" : "addr_test");
        return bech32(hrp, address);
    }

    static String bech32(String hrp, byte[] data) {
        int[] values = toFiveBit(data);
        int[] checksum = checksum(hrp, values);
        StringBuilder out = new StringBuilder(hrp.length() + 1 + values.length + 6);
        out.append(hrp).append('1');
        for (int v : values) {
            out.append(CHARSET.charAt(v));
        }
        for (int v : checksum) {
            out.append(CHARSET.charAt(v));
        }
        return out.toString();
    }

    private static int[] toFiveBit(byte[] data) {
        int[] out = new int[(data.length * 8 + 4) / 5];
        int acc = 0;
        int bits = 0;
        int n = 0;
        for (byte b : data) {
            acc = (acc << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                bits -= 5;
                out[n++] = (acc >>> bits) & 0x1f;
            }
        }
        if (bits > 0) {
            out[n++] = (acc << (5 - bits)) & 0x1f;
        }
        return out;
    }

    private static int polymod(int[] values, int chk) {
        for (int v : values) {
            int top = chk >>> 25;
            chk = ((chk & 0x1ffffff) << 5) ^ v;
            for (int i = 0; i < 5; i++) {
                if (((top >>> i) & 1) != 0) {
                    chk ^= GENERATOR[i];
                }
            }
        }
        return chk;
    }

    private static int[] checksum(String hrp, int[] values) {
        int[] expanded = new int[hrp.length() * 2 + 1];
        for (int i = 0; i < hrp.length(); i++) {
            expanded[i] = hrp.charAt(i) >>> 5;
            expanded[i + hrp.length() + 1] = hrp.charAt(i) & 0x1f;
        }
        int chk = polymod(expanded, 1);
        chk = polymod(values, chk);
        chk = polymod(new int[6], chk) ^ 1;
        int[] out = new int[6];
        for (int i = 0; i < 6; i++) {
            out[i] = (chk >>> (5 * (5 - i))) & 0x1f;
        }
        return out;
    }
}
