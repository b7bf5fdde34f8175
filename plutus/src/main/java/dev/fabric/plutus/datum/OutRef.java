package dev.fabric.plutus.datum;

import com.bloxbean.cardano.client.plutus.spec.PlutusData;
import com.bloxbean.cardano.client.util.HexUtil;

import java.util.List;

/**
 * A transaction output reference. {@link #toString()} is the {@code txId#index} form used as the
 * Kafka key of every bid-scoped topic.
 */
public record OutRef(String txId, int index) implements Comparable<OutRef> {

    public OutRef {
        if (!LowerHex.is(txId, 64)) {
            throw new IllegalArgumentException("transaction id must be 32 bytes as lowercase hex, got " + txId);
        }
        if (index < 0) {
            throw new IllegalArgumentException("output index must be >= 0, got " + index);
        }
    }

    /** Parses {@code txId#index}. */
    public static OutRef parse(String ref) {
        int hash = ref == null ? -1 : ref.indexOf('#');
        if (hash < 0) {
            throw new IllegalArgumentException("expected txId#index, got " + ref);
        }
        return new OutRef(ref.substring(0, hash).toLowerCase(java.util.Locale.ROOT),
                Integer.parseInt(ref.substring(hash + 1)));
    }

    public PlutusData toPlutusData() {
        return DataWriter.constr(0, DataWriter.bytes(HexUtil.decodeHexString(txId)), DataWriter.integer(index));
    }

    static OutRef read(PlutusData data, String path) {
        List<PlutusData> fields = DataReader.constr(data, path, 0, 2);
        byte[] txId = DataReader.bytesOfLength(fields.get(0), path + ".transactionId", 32);
        long index = DataReader.longInRange(fields.get(1), path + ".outputIndex", 0, Integer.MAX_VALUE);
        return new OutRef(java.util.HexFormat.of().formatHex(txId), (int) index);
    }

    /** Ledger order of inputs: by transaction id bytes, then index (redeemer indices depend on it). */
    @Override
    public int compareTo(OutRef other) {
        int byId = txId.compareTo(other.txId);
        return byId != 0 ? byId : Integer.compare(index, other.index);
    }

    @Override
    public String toString() {
        return txId + "#" + index;
    }
}
