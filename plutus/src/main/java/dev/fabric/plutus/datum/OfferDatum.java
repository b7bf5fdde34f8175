package dev.fabric.plutus.datum;

import com.bloxbean.cardano.client.plutus.spec.PlutusData;
import com.bloxbean.cardano.client.util.HexUtil;

import java.util.List;

/**
 * Inline datum of an Offer output (blueprint definition {@code OfferDatum}).
 *
 * @param expiryMs POSIX ms; an Award using this offer must be valid only before it
 */
public record OfferDatum(OutRef bidRef, KeyHash operatorPkh, long price, Resources offered, long expiryMs) {

    static final String TYPE = "OfferDatum";

    public OfferDatum {
        java.util.Objects.requireNonNull(bidRef, "bidRef");
        java.util.Objects.requireNonNull(operatorPkh, "operatorPkh");
        java.util.Objects.requireNonNull(offered, "offered");
        Request.requireNonNegative("price", price);
        Request.requireNonNegative("expiryMs", expiryMs);
    }

    public PlutusData toPlutusData() {
        return DataWriter.constr(0,
                bidRef.toPlutusData(),
                operatorPkh.toPlutusData(),
                DataWriter.integer(price),
                offered.toPlutusData(),
                DataWriter.integer(expiryMs));
    }

    public static OfferDatum fromPlutusData(PlutusData data) {
        String path = TYPE;
        List<PlutusData> f = DataReader.constr(data, path, 0, 5);
        return new OfferDatum(
                OutRef.read(f.get(0), path + ".bidRef"),
                KeyHash.read(f.get(1), path + ".operatorPkh"),
                DataReader.nonNegativeLong(f.get(2), path + ".price"),
                Resources.read(f.get(3), path + ".offered"),
                DataReader.nonNegativeLong(f.get(4), path + ".expiry"));
    }

    public static OfferDatum fromInlineDatumCbor(byte[] cbor) {
        return fromPlutusData(DataReader.parseCbor(cbor, TYPE));
    }

    public static OfferDatum fromInlineDatumHex(String cborHex) {
        return fromInlineDatumCbor(cborHex == null ? null : HexUtil.decodeHexString(cborHex));
    }
}
