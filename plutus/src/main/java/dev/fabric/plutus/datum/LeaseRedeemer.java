package dev.fabric.plutus.datum;

import com.bloxbean.cardano.client.plutus.spec.ConstrPlutusData;
import com.bloxbean.cardano.client.plutus.spec.PlutusData;

/** Ways to spend a Lease (blueprint definition {@code LeaseRedeemer}). */
public enum LeaseRedeemer {
    /** The operator is paid: after the lease ran its course, or earlier with the arbiter's co-signature. */
    CLAIM,
    /** The app gets the price back: the deployment failed (arbiter, or app and operator together). */
    REFUND;

    public PlutusData toPlutusData() {
        return DataWriter.constr(ordinal());
    }

    public static LeaseRedeemer fromPlutusData(PlutusData data) {
        ConstrPlutusData constr = DataReader.asConstr(data, "LeaseRedeemer");
        long index = constr.getAlternative();
        if (index < 0 || index >= values().length) {
            throw new DatumDecodingException("LeaseRedeemer", "expected Claim (0) or Refund (1), got constructor " + index);
        }
        DataReader.fields(constr, "LeaseRedeemer", 0);
        return values()[(int) index];
    }
}
