package dev.fabric.devnet.it;

import dev.fabric.devnet.HydraDevnet;
import dev.fabric.devnet.head.DevnetConfig;
import dev.fabric.devnet.wallet.DevnetKey;
import dev.fabric.hydra.api.TxIn;
import dev.fabric.hydra.api.TxOut;
import dev.fabric.hydra.api.Utxo;
import dev.fabric.hydra.api.Value;
import dev.fabric.hydra.client.HeadConnection;
import dev.fabric.hydra.client.HeadConnectionConfig;
import dev.fabric.hydra.client.HydraHttpClient;
import dev.fabric.hydra.client.ReconnectBackoff;
import dev.fabric.hydra.client.TxSubmitter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** Funded keys and client wiring shared by the integration tests. */
final class DevnetFixtures {

    static final long ADA = 1_000_000;
    static final DevnetKey ALICE = DevnetKey.fromName("it-alice");
    static final DevnetKey BOB = DevnetKey.fromName("it-bob");
    static final String GENESIS_TX = "11".repeat(32);

    private DevnetFixtures() {
    }

    /** Alice owns outputs 0..n-1 of a genesis transaction, 100 ADA each. */
    static Utxo aliceFunds(int outputs) {
        Map<TxIn, TxOut> funds = new LinkedHashMap<>();
        for (int i = 0; i < outputs; i++) {
            funds.put(genesis(i), TxOut.of(ALICE.address(), Value.lovelace(100 * ADA)));
        }
        return new Utxo(funds);
    }

    static TxIn genesis(int index) {
        return new TxIn(GENESIS_TX, index);
    }

    /** An open head holding {@link #aliceFunds}, a short contestation period, snapshots per transaction. */
    static DevnetConfig fundedConfig() {
        return DevnetConfig.defaults()
                .withInitialUtxo(aliceFunds(8))
                .withContestationPeriod(Duration.ofSeconds(1))
                .withTxRetries(5, Duration.ofMillis(20));
    }

    static HeadConnection client(HydraDevnet devnet) {
        return new HeadConnection(HeadConnectionConfig.builder(devnet.webSocketUri())
                .history(true)
                .snapshotUtxo(false)
                .backoff(new ReconnectBackoff(Duration.ofMillis(50), Duration.ofMillis(500), 2.0, 0.2))
                .build());
    }

    static HydraHttpClient http(HydraDevnet devnet) {
        return new HydraHttpClient(devnet.httpUri());
    }

    static TxSubmitter submitter(HeadConnection connection, HydraHttpClient http) {
        return new TxSubmitter(connection, http, Duration.ofSeconds(10), Duration.ofSeconds(20));
    }
}
