package dev.fabric.plutus.datum;

import com.bloxbean.cardano.client.plutus.spec.ConstrPlutusData;
import com.bloxbean.cardano.client.plutus.spec.PlutusData;

import java.util.List;

/** Ways to spend a Bid (blueprint definition {@code BidRedeemer}). */
public sealed interface BidRedeemer {

    PlutusData toPlutusData();

    /** Race mode: the signing operator takes the bid at {@code price}. */
    record Accept(KeyHash operatorPkh, long price) implements BidRedeemer {
        public Accept {
            java.util.Objects.requireNonNull(operatorPkh, "operatorPkh");
            Request.requireNonNegative("price", price);
        }

        @Override
        public PlutusData toPlutusData() {
            return DataWriter.constr(0, operatorPkh.toPlutusData(), DataWriter.integer(price));
        }
    }

    /** Auction/reputation mode: the arbiter (or app) awards the bid to the offer spent alongside. */
    record Award(OutRef offerRef) implements BidRedeemer {
        public Award {
            java.util.Objects.requireNonNull(offerRef, "offerRef");
        }

        @Override
        public PlutusData toPlutusData() {
            return DataWriter.constr(1, offerRef.toPlutusData());
        }
    }

    /** The app takes its escrow back. */
    record Cancel() implements BidRedeemer {
        @Override
        public PlutusData toPlutusData() {
            return DataWriter.constr(2);
        }
    }

    public static BidRedeemer fromPlutusData(PlutusData data) {
        String path = "BidRedeemer";
        ConstrPlutusData constr = DataReader.asConstr(data, path);
        long index = constr.getAlternative();
        if (index == 0) {
            List<PlutusData> f = DataReader.fields(constr, path + ".Accept", 2);
            KeyHash operator = KeyHash.read(f.get(0), path + ".Accept.operatorPkh");
            long price = DataReader.nonNegativeLong(f.get(1), path + ".Accept.price");
            return new Accept(operator, price);
        }
        if (index == 1) {
            List<PlutusData> f = DataReader.fields(constr, path + ".Award", 1);
            return new Award(OutRef.read(f.get(0), path + ".Award.offerRef"));
        }
        if (index == 2) {
            DataReader.fields(constr, path + ".Cancel", 0);
            return new Cancel();
        }
        throw new DatumDecodingException(path, "expected Accept (0), Award (1) or Cancel (2), got constructor " + index);
    }
}
