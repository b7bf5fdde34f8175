package dev.fabric.devnet.ledger;

import com.bloxbean.cardano.client.crypto.Blake2bUtil;
import com.bloxbean.cardano.client.plutus.spec.Language;
import dev.fabric.plutus.params.ProtocolParameters;
import java.io.ByteArrayOutputStream;
import java.util.HexFormat;
import java.util.List;
import java.util.SortedSet;

/**
 * The script integrity hash (body field 11): blake2b-256 over the redeemers and datums exactly as
 * they appear in the witness set, followed by the language views of the Plutus languages the
 * transaction runs (each a cost model), per the Alonzo/Conway specification.
 */
public final class ScriptDataHash {

    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] EMPTY_MAP = {(byte) 0xa0};

    private ScriptDataHash() {
    }

    /** Null when the transaction carries neither redeemers nor datums (then the field must be absent). */
    public static String expected(byte[] redeemers, byte[] datums, SortedSet<Integer> languages, ProtocolParameters parameters) {
        if (redeemers == null && datums == null) {
            return null;
        }
        ByteArrayOutputStream preimage = new ByteArrayOutputStream();
        preimage.writeBytes(redeemers == null ? EMPTY_MAP : redeemers);
        if (datums != null) {
            preimage.writeBytes(datums);
        }
        preimage.writeBytes(languageViews(languages, parameters));
        return HEX.formatHex(Blake2bUtil.blake2bHash256(preimage.toByteArray()));
    }

    /**
     * A canonical CBOR map from language id to cost model. V2 and V3 use their id as an unsigned key
     * and a definite array of integers; V1 keeps its historical quirk (keys and values wrapped in byte
     * strings, the array indefinite). Canonical order puts the one-byte keys (V2, V3) before V1's.
     */
    static byte[] languageViews(SortedSet<Integer> languages, ProtocolParameters parameters) {
        CborWriter views = new CborWriter().head(CborSpans.MAP, languages.size());
        for (int language : List.of(Scripts.PLUTUS_V2, Scripts.PLUTUS_V3)) {
            if (languages.contains(language)) {
                List<Long> costs = costModel(parameters, language);
                views.unsigned(language - 1).head(CborSpans.ARRAY, costs.size());
                costs.forEach(cost -> integer(views, cost));
            }
        }
        if (languages.contains(Scripts.PLUTUS_V1)) {
            CborWriter array = new CborWriter();
            array.raw(new byte[] {(byte) 0x9f});
            costModel(parameters, Scripts.PLUTUS_V1).forEach(cost -> integer(array, cost));
            array.raw(new byte[] {(byte) 0xff});
            views.bytes(new CborWriter().unsigned(0).toByteArray()).bytes(array.toByteArray());
        }
        return views.toByteArray();
    }

    private static List<Long> costModel(ProtocolParameters parameters, int language) {
        Language key = switch (language) {
            case Scripts.PLUTUS_V1 -> Language.PLUTUS_V1;
            case Scripts.PLUTUS_V2 -> Language.PLUTUS_V2;
            default -> Language.PLUTUS_V3;
        };
        List<Long> costs = parameters.costModels().get(key);
        if (costs == null) {
            throw new IllegalStateException("the protocol parameters have no cost model for " + key);
        }
        return costs;
    }

    private static void integer(CborWriter writer, long value) {
        if (value >= 0) {
            writer.unsigned(value);
        } else {
            writer.head(1, -1 - value);
        }
    }
}
