package dev.fabric.ingest.it;

import com.bloxbean.cardano.client.api.model.Utxo;
import dev.fabric.devnet.HydraDevnet;
import dev.fabric.hydra.api.SubmitTxResult;
import dev.fabric.plutus.tx.SignedTransaction;
import dev.fabric.plutus.tx.SigningKey;

/** {@link DevnetGrid}'s helpers for tests in other packages. */
public final class DevnetGridAccess {

    private DevnetGridAccess() {
    }

    public static Utxo funds(HydraDevnet devnet, SigningKey party, int n) {
        return DevnetGrid.utxo(devnet, DevnetGrid.fundsOf(party, n));
    }

    public static SubmitTxResult submit(HydraDevnet devnet, SignedTransaction tx) {
        return DevnetGrid.submit(devnet, tx);
    }
}
