package dev.fabric.plutus.datum;

import com.bloxbean.cardano.client.plutus.spec.ConstrPlutusData;
import com.bloxbean.cardano.client.plutus.spec.PlutusData;

/** Ways to spend an Offer (blueprint definition {@code OfferRedeemer}). */
public enum OfferRedeemer {
    /** Spent together with the bid it names, which is awarded to it. */
    USE,
    /** The operator takes its offer back. */
    WITHDRAW;

    public PlutusData toPlutusData() {
        return DataWriter.constr(ordinal());
    }

    public static OfferRedeemer fromPlutusData(PlutusData data) {
        ConstrPlutusData constr = DataReader.asConstr(data, "OfferRedeemer");
        long index = constr.getAlternative();
        if (index < 0 || index >= values().length) {
            throw new DatumDecodingException("OfferRedeemer", "expected Use (0) or Withdraw (1), got constructor " + index);
        }
        DataReader.fields(constr, "OfferRedeemer", 0);
        return values()[(int) index];
    }
}
