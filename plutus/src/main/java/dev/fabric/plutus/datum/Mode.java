package dev.fabric.plutus.datum;

import com.bloxbean.cardano.client.plutus.spec.ConstrPlutusData;
import com.bloxbean.cardano.client.plutus.spec.PlutusData;

import java.util.List;

/**
 * Allocation mode of a bid. Only {@link Race} is enforced on-chain (Accept); the windows and the
 * reputation threshold are rules of the auction service, which the arbiter applies before Award.
 */
public sealed interface Mode {

    PlutusData toPlutusData();

    /** First valid Accept confirmed by the head wins. */
    record Race() implements Mode {
        @Override
        public PlutusData toPlutusData() {
            return DataWriter.constr(0);
        }
    }

    /** Lowest price among offers confirmed within {@code windowMs} of the bid's confirmation. */
    record Auction(long windowMs) implements Mode {
        public Auction {
            if (windowMs < 0) {
                throw new IllegalArgumentException("windowMs must be >= 0, got " + windowMs);
            }
        }

        @Override
        public PlutusData toPlutusData() {
            return DataWriter.constr(1, DataWriter.integer(windowMs));
        }
    }

    /** During {@code priorityWindowMs} only operators scoring at least {@code minScoreBps} (of 10000) may win. */
    record Reputation(int minScoreBps, long priorityWindowMs) implements Mode {
        public static final int MAX_SCORE_BPS = 10_000;

        public Reputation {
            if (minScoreBps < 0 || minScoreBps > MAX_SCORE_BPS) {
                throw new IllegalArgumentException("minScoreBps must be in [0, 10000], got " + minScoreBps);
            }
            if (priorityWindowMs < 0) {
                throw new IllegalArgumentException("priorityWindowMs must be >= 0, got " + priorityWindowMs);
            }
        }

        @Override
        public PlutusData toPlutusData() {
            return DataWriter.constr(2, DataWriter.integer(minScoreBps), DataWriter.integer(priorityWindowMs));
        }
    }

    static Mode read(PlutusData data, String path) {
        ConstrPlutusData constr = DataReader.asConstr(data, path);
        long index = constr.getAlternative();
        if (index == 0) {
            DataReader.fields(constr, path + ".Race", 0);
            return new Race();
        }
        if (index == 1) {
            List<PlutusData> f = DataReader.fields(constr, path + ".Auction", 1);
            return new Auction(DataReader.nonNegativeLong(f.get(0), path + ".Auction.windowMs"));
        }
        if (index == 2) {
            List<PlutusData> f = DataReader.fields(constr, path + ".Reputation", 2);
            int minScore = (int) DataReader.longInRange(f.get(0), path + ".Reputation.minScoreBps", 0, Reputation.MAX_SCORE_BPS);
            return new Reputation(minScore, DataReader.nonNegativeLong(f.get(1), path + ".Reputation.priorityWindowMs"));
        }
        throw new DatumDecodingException(path, "expected Race (0), Auction (1) or Reputation (2), got constructor " + index);
    }
}
