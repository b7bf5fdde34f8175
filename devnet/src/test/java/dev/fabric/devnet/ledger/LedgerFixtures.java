package dev.fabric.devnet.ledger;

import com.bloxbean.cardano.client.common.model.Networks;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fabric.devnet.wallet.DevnetKey;
import dev.fabric.devnet.wallet.SignedTx;
import dev.fabric.hydra.api.TxIn;
import dev.fabric.hydra.api.TxOut;
import dev.fabric.hydra.api.Utxo;
import dev.fabric.hydra.api.Value;
import dev.fabric.plutus.blueprint.FabricScripts;
import dev.fabric.plutus.datum.BidDatum;
import dev.fabric.plutus.datum.KeyHash;
import dev.fabric.plutus.datum.Mode;
import dev.fabric.plutus.datum.Request;
import dev.fabric.plutus.params.ProtocolParameters;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** Keys, a funded UTxO set and rule sets shared by the ledger tests. */
final class LedgerFixtures {

    static final long SLOT = 1_000;
    static final LedgerRules RULES = LedgerRules.l2Default(0);
    static final TxValidation LEDGER = new TxValidation(RULES);
    static final DevnetKey ALICE = DevnetKey.fromName("alice");
    static final DevnetKey BOB = DevnetKey.fromName("bob");
    static final TxIn GENESIS = new TxIn("00".repeat(32), 0);
    static final TxIn ALICE_COLLATERAL = new TxIn("00".repeat(32), 1);
    static final TxIn BID = new TxIn("00".repeat(32), 2);
    static final long ADA = 1_000_000;

    private LedgerFixtures() {
    }

    /** Alice holds 100 ADA at GENESIS and 5 ADA of collateral; a 20 ADA bid of hers is locked at the bid script. */
    static LedgerState funded() {
        Map<TxIn, TxOut> outputs = new LinkedHashMap<>();
        outputs.put(GENESIS, TxOut.of(ALICE.address(), Value.lovelace(100 * ADA)));
        outputs.put(ALICE_COLLATERAL, TxOut.of(ALICE.address(), Value.lovelace(5 * ADA)));
        String bidDatumHex = bidDatum(ALICE).toPlutusData().serializeToHex();
        outputs.put(BID, new TxOut(bidScriptAddress(), Value.lovelace(20 * ADA), null, null, null, bidDatumHex, null, null));
        return LedgerState.of(UtxoImport.toLedger(new Utxo(outputs)));
    }

    static String bidScriptAddress() {
        return FabricScripts.bid().addressBech32(Networks.testnet());
    }

    static BidDatum bidDatum(DevnetKey app) {
        return new BidDatum(KeyHash.ofHex(app.keyHash()),
                new Request(1000, 512, 1, 0, 3600, Optional.empty(), "ab".repeat(32)),
                2 * ADA, 15 * ADA, new Mode.Race(), 4_102_444_800_000L, Optional.empty(), List.of());
    }

    static DecodedTx decoded(SignedTx tx) {
        try {
            return TxDecoder.decode(tx.cbor());
        } catch (MalformedTxException e) {
            throw new AssertionError(e);
        }
    }

    static TxVerdict validate(SignedTx tx, LedgerState state) {
        return LEDGER.validate(decoded(tx), state, SLOT);
    }

    /** The L2 defaults with some fields changed, e.g. a non-zero fee or a small max size. */
    static TxValidation ledgerWith(Consumer<ObjectNode> change) {
        try (InputStream in = ProtocolParameters.class.getResourceAsStream(ProtocolParameters.L2_DEFAULT_RESOURCE)) {
            ObjectMapper mapper = new ObjectMapper();
            ObjectNode json = (ObjectNode) mapper.readTree(in);
            change.accept(json);
            ProtocolParameters parameters = ProtocolParameters.fromJson(mapper.writeValueAsBytes(json));
            return new TxValidation(new LedgerRules(parameters, RULES.timing(), RULES.evaluator()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
