package dev.fabric.plutus.head;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.bloxbean.cardano.client.api.model.Amount;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.fabric.hydra.api.ReferenceScript;
import dev.fabric.hydra.api.ScriptEnvelope;
import dev.fabric.hydra.api.TxIn;
import dev.fabric.hydra.api.TxOut;
import dev.fabric.hydra.api.Utxo;
import dev.fabric.hydra.api.Value;
import dev.fabric.plutus.blueprint.FabricScript;
import dev.fabric.plutus.blueprint.FabricScripts;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HeadUtxosTest {

    private static final String ADDRESS = "addr_test1vz4grj3xygeysn2mf2d9xekh8a7l9ep2gp5hppeutmhpfpgkd3sgs";
    private static final String OTHER = "addr_test1vqy6nhfyks7wdu3ur7ltzxgpvuaclq0kvcy6z4ggtwtdnyqghlhch";
    private static final String DATUM_HEX = "d8799f4401020304ff";

    @Test
    void shouldKeepTheInlineDatumBytesAndEveryAsset() {
        TxOut out = new TxOut(ADDRESS, Value.lovelace(5_000_000).withAsset("ab".repeat(28), "cafe", BigInteger.TWO), null, null,
                JsonNodeFactory.instance.objectNode().put("bytes", "01020304"), DATUM_HEX, "ee".repeat(32), null);

        com.bloxbean.cardano.client.api.model.Utxo utxo = HeadUtxos.toUtxo(new TxIn("11".repeat(32), 3), out);

        assertEquals("11".repeat(32), utxo.getTxHash());
        assertEquals(3, utxo.getOutputIndex());
        assertEquals(ADDRESS, utxo.getAddress());
        assertEquals(DATUM_HEX, utxo.getInlineDatum());
        assertNull(utxo.getDataHash());
        assertEquals(List.of(Amount.lovelace(BigInteger.valueOf(5_000_000)), Amount.asset("ab".repeat(28) + "cafe", BigInteger.TWO)),
                utxo.getAmount());
    }

    @Test
    void shouldTellPlainAdaFromOutputsWithDatumsAssetsOrScripts() {
        assertTrue(HeadUtxos.adaOnly(TxOut.of(ADDRESS, Value.lovelace(2_000_000))));
        assertFalse(HeadUtxos.adaOnly(TxOut.of(ADDRESS, Value.lovelace(2_000_000).withAsset("ab".repeat(28), "", BigInteger.ONE))));
        assertFalse(HeadUtxos.adaOnly(new TxOut(ADDRESS, Value.lovelace(2_000_000), null, null,
                JsonNodeFactory.instance.objectNode().put("int", 1), "01", "ee".repeat(32), null)));
        assertFalse(HeadUtxos.adaOnly(withScript(ADDRESS, FabricScripts.lease())));
    }

    @Test
    void shouldListAnAddresssAdaOnlyOutputsInLedgerOrder() {
        Map<TxIn, TxOut> outputs = new LinkedHashMap<>();
        outputs.put(new TxIn("22".repeat(32), 0), TxOut.of(ADDRESS, Value.lovelace(3_000_000)));
        outputs.put(new TxIn("11".repeat(32), 1), TxOut.of(ADDRESS, Value.lovelace(4_000_000)));
        outputs.put(new TxIn("11".repeat(32), 0), TxOut.of(OTHER, Value.lovelace(9_000_000)));
        outputs.put(new TxIn("00".repeat(32), 0), withScript(ADDRESS, FabricScripts.bid()));

        assertEquals(List.of(new TxIn("11".repeat(32), 1), new TxIn("22".repeat(32), 0)),
                List.copyOf(HeadUtxos.adaOnlyAt(new Utxo(outputs), ADDRESS).keySet()));
    }

    @Test
    void shouldFindTheValidatorsByScriptHashWhoeverPublishedThem() {
        Map<TxIn, TxOut> outputs = new LinkedHashMap<>();
        outputs.put(new TxIn("33".repeat(32), 0), withScript(OTHER, FabricScripts.bid()));
        // Two copies of the offer script: the first in ledger order is used, so every builder picks the same one.
        outputs.put(new TxIn("44".repeat(32), 1), withScript(ADDRESS, FabricScripts.offer()));
        outputs.put(new TxIn("44".repeat(32), 0), withScript(OTHER, FabricScripts.offer()));
        outputs.put(new TxIn("55".repeat(32), 0), TxOut.of(ADDRESS, Value.lovelace(3_000_000)));

        Map<String, com.bloxbean.cardano.client.api.model.Utxo> found =
                HeadUtxos.referenceScripts(new Utxo(outputs), FabricScripts.validators());

        assertEquals(2, found.size(), "the lease validator is not published, so it is carried inline");
        assertEquals("33".repeat(32), found.get(FabricScripts.bid().scriptHash()).getTxHash());
        com.bloxbean.cardano.client.api.model.Utxo offer = found.get(FabricScripts.offer().scriptHash());
        assertEquals("44".repeat(32) + "#0", offer.getTxHash() + "#" + offer.getOutputIndex());
        assertEquals(FabricScripts.offer().scriptHash(), offer.getReferenceScriptHash());
    }

    @Test
    void shouldIgnoreScriptsThatAreNotPlutusV3OrNotReadable() {
        TxOut native_ = new TxOut(ADDRESS, Value.lovelace(2_000_000), null, null, null, null, null,
                new ReferenceScript("SimpleScriptLanguage", new ScriptEnvelope("8200581c" + "ab".repeat(28), "", "SimpleScript")));
        TxOut garbage = new TxOut(ADDRESS, Value.lovelace(2_000_000), null, null, null, null, null,
                new ReferenceScript("PlutusScriptLanguage PlutusScriptV3", new ScriptEnvelope("zz", "", "PlutusScriptV3")));

        assertTrue(HeadUtxos.referenceScriptHash(native_).isEmpty());
        assertTrue(HeadUtxos.referenceScriptHash(garbage).isEmpty());
    }

    private static TxOut withScript(String address, FabricScript script) {
        return new TxOut(address, Value.lovelace(20_000_000), null, null, null, null, null,
                new ReferenceScript("PlutusScriptLanguage PlutusScriptV3",
                        new ScriptEnvelope(script.plutusScript().getCborHex(), "", "PlutusScriptV3")));
    }
}
