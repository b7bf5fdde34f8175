package dev.fabric.plutus.datum;

import com.bloxbean.cardano.client.plutus.spec.PlutusData;
import com.bloxbean.cardano.client.util.HexUtil;

import java.util.List;
import java.util.Optional;

/**
 * Inline datum of a Lease output (blueprint definition {@code LeaseDatum}). Written by Accept/Award:
 * {@code startMs} is the end of that transaction's validity range, the latest moment it could have
 * been confirmed, so the operator can never claim early by choosing its range.
 */
public record LeaseDatum(OutRef bidRef, KeyHash appPkh, KeyHash operatorPkh, long price, long startMs,
                         long durationSeconds, Optional<KeyHash> arbiter) {

    static final String TYPE = "LeaseDatum";

    public LeaseDatum {
        java.util.Objects.requireNonNull(bidRef, "bidRef");
        java.util.Objects.requireNonNull(appPkh, "appPkh");
        java.util.Objects.requireNonNull(operatorPkh, "operatorPkh");
        Request.requireNonNegative("price", price);
        Request.requireNonNegative("startMs", startMs);
        Request.requireNonNegative("durationSeconds", durationSeconds);
        arbiter = arbiter == null ? Optional.empty() : arbiter;
    }

    /** Earliest POSIX ms at which the operator may claim without the arbiter. */
    public long endMs() {
        return Math.addExact(startMs, Math.multiplyExact(durationSeconds, 1000L));
    }

    public PlutusData toPlutusData() {
        return DataWriter.constr(0,
                bidRef.toPlutusData(),
                appPkh.toPlutusData(),
                operatorPkh.toPlutusData(),
                DataWriter.integer(price),
                DataWriter.integer(startMs),
                DataWriter.integer(durationSeconds),
                DataWriter.option(arbiter, KeyHash::toPlutusData));
    }

    public static LeaseDatum fromPlutusData(PlutusData data) {
        String path = TYPE;
        List<PlutusData> f = DataReader.constr(data, path, 0, 7);
        return new LeaseDatum(
                OutRef.read(f.get(0), path + ".bidRef"),
                KeyHash.read(f.get(1), path + ".appPkh"),
                KeyHash.read(f.get(2), path + ".operatorPkh"),
                DataReader.nonNegativeLong(f.get(3), path + ".price"),
                DataReader.nonNegativeLong(f.get(4), path + ".startMs"),
                DataReader.nonNegativeLong(f.get(5), path + ".durationSeconds"),
                DataReader.option(f.get(6), path + ".arbiter", KeyHash::read));
    }

    public static LeaseDatum fromInlineDatumCbor(byte[] cbor) {
        return fromPlutusData(DataReader.parseCbor(cbor, TYPE));
    }

    public static LeaseDatum fromInlineDatumHex(String cborHex) {
        return fromInlineDatumCbor(cborHex == null ? null : HexUtil.decodeHexString(cborHex));
    }
}
