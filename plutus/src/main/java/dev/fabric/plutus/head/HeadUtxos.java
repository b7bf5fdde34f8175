package dev.fabric.plutus.head;

import com.bloxbean.cardano.client.api.model.Amount;
import com.bloxbean.cardano.client.plutus.spec.PlutusV3Script;
import com.bloxbean.cardano.client.util.HexUtil;
import dev.fabric.hydra.api.TxIn;
import dev.fabric.hydra.api.TxOut;
import dev.fabric.hydra.api.Utxo;
import dev.fabric.plutus.blueprint.FabricScript;
import dev.fabric.plutus.blueprint.ValidatorSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The head's UTxO as hydra-node serves it ({@code GET /snapshot/utxo}, hydra-client's {@link Utxo}
 * and {@link TxOut}) turned into what the builders and the evaluator take (cardano-client-lib's
 * {@link com.bloxbean.cardano.client.api.model.Utxo}), plus the questions every service that builds
 * on the head asks of it: which outputs are plain ada, which hold the Fabric validators as
 * reference scripts.
 *
 * <p>The inline datum is taken from {@code inlineDatumRaw}, the datum's bytes as they were created,
 * never re-encoded from the JSON: the validators and the script data hash see exactly those bytes.
 */
public final class HeadUtxos {

    private HeadUtxos() {
    }

    /** One head output as the builders' UTxO model. */
    public static com.bloxbean.cardano.client.api.model.Utxo toUtxo(TxIn in, TxOut out) {
        List<Amount> amounts = new ArrayList<>();
        amounts.add(Amount.lovelace(out.value().lovelace()));
        out.value().assets().forEach((policy, names) -> names.forEach((name, quantity) ->
                amounts.add(Amount.asset(policy + name, quantity))));
        return new com.bloxbean.cardano.client.api.model.Utxo(in.txId(), Math.toIntExact(in.index()), out.address(), amounts,
                out.inlineDatumRaw() == null ? out.datumHash() : null,
                out.inlineDatumRaw(),
                referenceScriptHash(out).orElse(null));
    }

    /** Hash (hex) of the Plutus V3 script an output carries as a reference script, if any. */
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
            // Someone else's malformed script is not ours to judge: it just is not one of the validators.
            return Optional.empty();
        }
    }

    /**
     * Lovelace only: no assets, no datum, no reference script. The only outputs a party spends as
     * funding or puts up as collateral, so reference scripts and script state are never consumed by accident.
     */
    public static boolean adaOnly(TxOut out) {
        return out.value().assets().isEmpty() && out.inlineDatum() == null && out.inlineDatumRaw() == null
                && out.datumHash() == null && out.referenceScript() == null;
    }

    /** The output's lovelace; Fabric amounts fit a long, and anything that does not is refused. */
    public static long lovelace(TxOut out) {
        return out.value().lovelace().longValueExact();
    }

    /** Ada-only outputs at {@code address}, in ledger order (by {@link TxIn}). */
    public static Map<TxIn, TxOut> adaOnlyAt(Utxo utxo, String address) {
        Map<TxIn, TxOut> found = new TreeMap<>();
        utxo.outputs().forEach((in, out) -> {
            if (address.equals(out.address()) && adaOnly(out)) {
                found.put(in, out);
            }
        });
        return found;
    }

    /**
     * The outputs holding one of {@code scripts} as a reference script, by script hash, wherever
     * they are (whoever published them): the first in ledger order for each validator. Feed the
     * result to {@code FabricTransactions.withReferenceScripts}; a validator that is missing is then
     * carried inline, so an empty map means every script travels in its transaction.
     */
    public static Map<String, com.bloxbean.cardano.client.api.model.Utxo> referenceScripts(Utxo utxo, ValidatorSet scripts) {
        Set<String> wanted = scripts.all().stream().map(FabricScript::scriptHash).collect(Collectors.toSet());
        Map<String, com.bloxbean.cardano.client.api.model.Utxo> found = new LinkedHashMap<>();
        new TreeMap<>(utxo.outputs()).forEach((in, out) -> referenceScriptHash(out)
                .filter(wanted::contains)
                .ifPresent(hash -> found.putIfAbsent(hash, toUtxo(in, out))));
        return found;
    }
}
