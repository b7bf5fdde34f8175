package dev.fabric.settlement.adapter;

import com.bloxbean.cardano.client.api.model.Amount;
import com.bloxbean.cardano.client.api.model.Utxo;
import com.bloxbean.cardano.client.plutus.spec.PlutusV3Script;
import com.bloxbean.cardano.client.util.HexUtil;
import dev.fabric.hydra.api.TxIn;
import dev.fabric.hydra.api.TxOut;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Turns the head's UTxO JSON entries into the {@link Utxo} model the plutus builders and evaluator take. */
public final class HeadOutputs {

    private HeadOutputs() {
    }

    public static Utxo toUtxo(TxIn in, TxOut out) {
        List<Amount> amounts = new ArrayList<>();
        amounts.add(Amount.lovelace(out.value().lovelace()));
        out.value().assets().forEach((policy, names) -> names.forEach((name, quantity) ->
                amounts.add(Amount.asset(policy + name, quantity))));
        return new Utxo(in.txId(), Math.toIntExact(in.index()), out.address(), amounts,
                out.inlineDatumRaw() == null ? out.datumHash() : null,
                out.inlineDatumRaw(),
                referenceScriptHash(out).orElse(null));
    }

    /** Hash of the Plutus V3 script an output carries as a reference script, if any. */
    public static Optional<String> referenceScriptHash(TxOut out) {
        if (out.referenceScript() == null || out.referenceScript().script() == null
                || out.referenceScript().script().cborHex() == null
                || !String.valueOf(out.referenceScript().scriptLanguage()).endsWith("PlutusScriptV3")) {
            return Optional.empty();
        }
        try {
            PlutusV3Script script = PlutusV3Script.builder().cborHex(out.referenceScript().script().cborHex()).build();
            return Optional.of(HexUtil.encodeHexString(script.getScriptHash()));
        } catch (Exception unreadable) {
            return Optional.empty();
        }
    }

    /** An output holding lovelace only, with no datum and no script: what can serve as collateral or funding. */
    public static boolean adaOnly(TxOut out) {
        return out.value().assets().isEmpty() && out.inlineDatum() == null && out.inlineDatumRaw() == null
                && out.datumHash() == null && out.referenceScript() == null;
    }

    public static BigInteger lovelace(TxOut out) {
        return out.value().lovelace();
    }
}
