package dev.fabric.plutus.datum;

import com.bloxbean.cardano.client.plutus.spec.PlutusData;
import com.bloxbean.cardano.client.util.HexUtil;

import java.util.List;
import java.util.Optional;

/**
 * Inline datum of a Bid output (blueprint definition {@code BidDatum}).
 *
 * @param deadlineMs      POSIX ms; Accept and Award must be valid only before it
 * @param arbiter         may sign Award and Refund; without one the app signs Award itself
 * @param allowedOperators empty means any operator
 */
public record BidDatum(KeyHash appPkh, Request request, long minPrice, long maxPrice, Mode mode, long deadlineMs,
                       Optional<KeyHash> arbiter, List<KeyHash> allowedOperators) {

    static final String TYPE = "BidDatum";

    public BidDatum {
        java.util.Objects.requireNonNull(appPkh, "appPkh");
        java.util.Objects.requireNonNull(request, "request");
        java.util.Objects.requireNonNull(mode, "mode");
        Request.requireNonNegative("minPrice", minPrice);
        Request.requireNonNegative("deadlineMs", deadlineMs);
        if (maxPrice < minPrice) {
            throw new IllegalArgumentException("maxPrice " + maxPrice + " is below minPrice " + minPrice);
        }
        arbiter = arbiter == null ? Optional.empty() : arbiter;
        allowedOperators = allowedOperators == null ? List.of() : List.copyOf(allowedOperators);
    }

    /** The on-chain rule: an empty list admits everyone. */
    public boolean admits(KeyHash operator) {
        return allowedOperators.isEmpty() || allowedOperators.contains(operator);
    }

    public boolean priceInRange(long price) {
        return minPrice <= price && price <= maxPrice;
    }

    public PlutusData toPlutusData() {
        return DataWriter.constr(0,
                appPkh.toPlutusData(),
                request.toPlutusData(),
                DataWriter.integer(minPrice),
                DataWriter.integer(maxPrice),
                mode.toPlutusData(),
                DataWriter.integer(deadlineMs),
                DataWriter.option(arbiter, KeyHash::toPlutusData),
                DataWriter.list(allowedOperators, KeyHash::toPlutusData));
    }

    public static BidDatum fromPlutusData(PlutusData data) {
        String path = TYPE;
        List<PlutusData> f = DataReader.constr(data, path, 0, 8);
        KeyHash app = KeyHash.read(f.get(0), path + ".appPkh");
        Request request = Request.read(f.get(1), path + ".request");
        long minPrice = DataReader.nonNegativeLong(f.get(2), path + ".minPrice");
        long maxPrice = DataReader.nonNegativeLong(f.get(3), path + ".maxPrice");
        Mode mode = Mode.read(f.get(4), path + ".mode");
        long deadline = DataReader.nonNegativeLong(f.get(5), path + ".deadline");
        Optional<KeyHash> arbiter = DataReader.option(f.get(6), path + ".arbiter", KeyHash::read);
        List<KeyHash> allowed = DataReader.list(f.get(7), path + ".allowedOperators", KeyHash::read);
        return DataReader.construct(path,
                () -> new BidDatum(app, request, minPrice, maxPrice, mode, deadline, arbiter, allowed));
    }

    /** Decodes the CBOR of an inline datum, as found in a transaction output. */
    public static BidDatum fromInlineDatumCbor(byte[] cbor) {
        return fromPlutusData(DataReader.parseCbor(cbor, TYPE));
    }

    public static BidDatum fromInlineDatumHex(String cborHex) {
        return fromInlineDatumCbor(cborHex == null ? null : HexUtil.decodeHexString(cborHex));
    }
}
