package dev.fabric.ingest.it;

import static dev.fabric.plutus.Grid.ADA;
import static dev.fabric.plutus.Grid.APP;
import static dev.fabric.plutus.Grid.ARBITER;
import static dev.fabric.plutus.Grid.NETWORK;
import static dev.fabric.plutus.Grid.OPERATOR;
import static dev.fabric.plutus.Grid.OTHER_OPERATOR;
import static dev.fabric.plutus.Grid.STRANGER;
import static org.awaitility.Awaitility.await;

import dev.fabric.plutus.Grid;
import com.bloxbean.cardano.client.crypto.Blake2bUtil;
import dev.fabric.devnet.HydraDevnet;
import dev.fabric.devnet.head.DevnetConfig;
import dev.fabric.devnet.ledger.UtxoImport;
import dev.fabric.devnet.wallet.DevnetKey;
import dev.fabric.hydra.api.SubmitTxResult;
import dev.fabric.hydra.api.Transaction;
import dev.fabric.hydra.api.TxIn;
import dev.fabric.hydra.api.TxOut;
import dev.fabric.hydra.api.Utxo;
import dev.fabric.hydra.api.Value;
import dev.fabric.hydra.client.HydraHttpClient;
import dev.fabric.hydra.client.ReconnectBackoff;
import dev.fabric.ingest.adapter.head.HeadPipeline;
import dev.fabric.ingest.adapter.head.IngestMetrics;
import dev.fabric.ingest.domain.market.FabricAddresses;
import dev.fabric.ingest.domain.market.ProgressMarking;
import dev.fabric.ingest.MarketFixtures;
import dev.fabric.plutus.tx.SignedTransaction;
import dev.fabric.plutus.tx.SigningKey;
import dev.fabric.testkit.EmbeddedKafka;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/** A funded devnet for the end-to-end tests and the ingest pipelines that read it. */
final class DevnetGrid {

    static final DevnetKey PAYER = DevnetKey.fromName("ingest-payer");
    static final int PAYER_OUTPUTS = 8;
    static final String PAYER_GENESIS = "11".repeat(32);

    private DevnetGrid() {
    }

    /** The UTxO a test devnet starts with: payment chains for the payer, funds and collateral for every party. */
    static Utxo initialUtxo() {
        Map<TxIn, TxOut> funds = new LinkedHashMap<>();
        for (int i = 0; i < PAYER_OUTPUTS; i++) {
            funds.put(new TxIn(PAYER_GENESIS, i), TxOut.of(PAYER.address(), Value.lovelace(100 * ADA)));
        }
        for (SigningKey party : new SigningKey[] {APP, OPERATOR, OTHER_OPERATOR, ARBITER, STRANGER}) {
            for (int i = 0; i < 6; i++) {
                funds.put(fundsOf(party, i), TxOut.of(party.address(NETWORK).toBech32(), Value.lovelace(100 * ADA)));
            }
            funds.put(collateralOf(party), TxOut.of(party.address(NETWORK).toBech32(), Value.lovelace(5 * ADA)));
        }
        return new Utxo(funds);
    }

    static TxIn fundsOf(SigningKey party, int n) {
        return new TxIn(id("funds:" + party.keyHash() + ":" + n), 0);
    }

    static TxIn collateralOf(SigningKey party) {
        return new TxIn(id("collateral:" + party.keyHash()), 0);
    }

    private static String id(String text) {
        return HexFormat.of().formatHex(Blake2bUtil.blake2bHash256(text.getBytes(StandardCharsets.UTF_8)));
    }

    static HydraDevnet startDevnet() {
        return HydraDevnet.start(DevnetConfig.defaults()
                .withSystemStart(java.time.Instant.ofEpochMilli(Grid.ZERO_TIME_MS))
                .withInitialUtxo(initialUtxo())
                .withTxRetries(5, Duration.ofMillis(20)));
    }

    /** A UTxO of the head, as the plutus builders take it. */
    static com.bloxbean.cardano.client.api.model.Utxo utxo(HydraDevnet devnet, TxIn in) {
        TxOut out = devnet.confirmedUtxo().get(in).orElseThrow(() -> new AssertionError(in + " is not in the head"));
        return UtxoImport.toLedger(out).toCclUtxo(in);
    }

    /** Submits over HTTP until the node answers (it may be restarting); returns its verdict. */
    static SubmitTxResult submit(HydraDevnet devnet, String cborHex, String txId) {
        HydraHttpClient http = new HydraHttpClient(devnet.httpUri());
        AtomicReference<SubmitTxResult> result = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).ignoreExceptions().until(() -> {
            result.set(http.submitTransaction(Transaction.conway(cborHex, txId)));
            return true;
        });
        return result.get();
    }

    static SubmitTxResult submit(HydraDevnet devnet, SignedTransaction tx) {
        return submit(devnet, tx.cborHex(), tx.txId());
    }

    /** An ingest pipeline for {@code node} reading the devnet into the broker. */
    static HeadPipeline pipeline(EmbeddedKafka kafka, HydraDevnet devnet, String node) {
        return pipeline(kafka, devnet, node, 20_000);
    }

    static HeadPipeline pipeline(EmbeddedKafka kafka, HydraDevnet devnet, String node, int maxRecordsPerTransaction) {
        Map<String, Object> client = Map.of("bootstrap.servers", kafka.bootstrapServers());
        HeadPipeline pipeline = new HeadPipeline(new HeadPipeline.Settings(node, devnet.webSocketUri(), devnet.httpUri(),
                FabricAddresses.ofBlueprint(MarketFixtures.NETWORK_ID), client, client, Duration.ofMillis(5), 65536, "none",
                Duration.ofSeconds(30), 64, maxRecordsPerTransaction, Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofSeconds(30),
                new ReconnectBackoff(Duration.ofMillis(50), Duration.ofMillis(500), 2.0, 0.2), Clock.systemUTC(),
                ProgressMarking.DEFAULT_INTERVAL),
                new IngestMetrics(new SimpleMeterRegistry(), Clock.systemUTC()));
        pipeline.start();
        return pipeline;
    }
}
