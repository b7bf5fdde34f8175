package dev.fabric.deployer.support;

import static org.awaitility.Awaitility.await;

import com.bloxbean.cardano.client.api.model.Utxo;
import com.bloxbean.cardano.client.common.model.Network;
import com.bloxbean.cardano.client.common.model.Networks;
import com.bloxbean.cardano.client.crypto.Blake2bUtil;
import com.bloxbean.cardano.client.crypto.SecretKey;
import dev.fabric.deployer.adapter.HydraHeadGateway;
import dev.fabric.devnet.HydraDevnet;
import dev.fabric.hydra.api.SubmitTxResult;
import dev.fabric.hydra.api.Transaction;
import dev.fabric.hydra.api.TxIn;
import dev.fabric.hydra.api.TxOut;
import dev.fabric.hydra.client.HeadConnection;
import dev.fabric.hydra.client.HeadConnectionConfig;
import dev.fabric.hydra.client.HydraHttpClient;
import dev.fabric.hydra.client.TxSubmitter;
import dev.fabric.plutus.blueprint.FabricScripts;
import dev.fabric.plutus.datum.BidDatum;
import dev.fabric.plutus.datum.KeyHash;
import dev.fabric.plutus.datum.Mode;
import dev.fabric.plutus.datum.OfferDatum;
import dev.fabric.plutus.datum.OutRef;
import dev.fabric.plutus.datum.Request;
import dev.fabric.plutus.datum.Resources;
import dev.fabric.plutus.eval.ScriptEvaluator;
import dev.fabric.plutus.eval.SlotTiming;
import dev.fabric.plutus.head.HeadUtxos;
import dev.fabric.plutus.params.ProtocolParameters;
import dev.fabric.plutus.tx.FabricTransactions;
import dev.fabric.plutus.tx.KeyFiles;
import dev.fabric.plutus.tx.SignedTransaction;
import dev.fabric.plutus.tx.SigningKey;
import dev.fabric.plutus.workload.WorkloadSpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The other parties of the market on a devnet, played with the plutus builders: the application
 * that opens bids, a rival operator, the arbiter that awards and publishes the reference scripts.
 * Every transaction is submitted over HTTP and waited for until a snapshot confirmed it.
 *
 * <p>Keys are development keys derived from public names ({@code DevnetKey.fromName}); the
 * devnet's initial UTxO ({@value #INITIAL_UTXO}) funds them.
 */
public final class DevnetMarket {

    public static final String INITIAL_UTXO = "devnet/deployer-utxo.json";
    /** The devnet's default {@code --system-start}: slot 0. */
    public static final Instant SYSTEM_START = Instant.parse("2026-01-01T00:00:00Z");
    public static final SlotTiming TIMING = SlotTiming.devnet(SYSTEM_START.toEpochMilli());
    public static final Network NETWORK = Networks.testnet();
    public static final long ADA = 1_000_000;
    public static final SigningKey OPERATOR = KeyFiles.load(Path.of("src/test/resources/operator.skey"), "operator");
    public static final SigningKey APP = key("deployer-test-app");
    public static final SigningKey ARBITER = key("deployer-test-arbiter");
    public static final SigningKey RIVAL = key("deployer-test-rival");
    private static final Duration CONFIRMED_WITHIN = Duration.ofSeconds(30);

    private final HydraDevnet devnet;
    private final HydraHttpClient http;
    private final ProtocolParameters parameters;
    private final ScriptEvaluator evaluator;

    /** A bid the head confirmed. */
    public record OpenedBid(String bidRef, BidDatum datum, Optional<WorkloadSpec> workload) {
    }

    public DevnetMarket(HydraDevnet devnet) {
        this.devnet = devnet;
        this.http = new HydraHttpClient(devnet.httpUri());
        this.parameters = devnet.config().protocolParameters();
        this.evaluator = new ScriptEvaluator(parameters, TIMING);
    }

    /** The payment key {@code DevnetKey.fromName(name)} derives. */
    public static SigningKey key(String name) {
        try {
            return SigningKey.of(SecretKey.create(Blake2bUtil.blake2bHash256(("fabric-devnet:" + name).getBytes(StandardCharsets.UTF_8))));
        } catch (Exception e) {
            throw new IllegalStateException("cannot derive the key " + name, e);
        }
    }

    public static String address(SigningKey key) {
        return key.address(NETWORK).toBech32();
    }

    /** A gateway for the test operator on this devnet, with its own connection (close it). */
    public Gateway gateway(Duration acceptTimeout, Duration confirmTimeout, Duration acceptValidity) {
        HeadConnection connection = new HeadConnection(HeadConnectionConfig.builder(devnet.webSocketUri()).history(false).build());
        connection.start().join();
        TxSubmitter submitter = new TxSubmitter(connection, http, acceptTimeout, confirmTimeout);
        HydraHeadGateway gateway = new HydraHeadGateway(http, submitter, OPERATOR, NETWORK, TIMING,
                new HydraHeadGateway.Settings(acceptValidity, 5 * ADA, acceptTimeout.plus(confirmTimeout).multipliedBy(2)),
                Clock.systemUTC());
        return new Gateway(gateway, submitter, connection);
    }

    /** A gateway and what it runs on. */
    public record Gateway(HydraHeadGateway head, TxSubmitter submitter, HeadConnection connection) implements AutoCloseable {
        @Override
        public void close() {
            submitter.close();
            connection.close();
        }
    }

    public Map<TxIn, TxOut> confirmed() {
        return devnet.confirmedUtxo().outputs();
    }

    public Optional<TxOut> output(String ref) {
        return Optional.ofNullable(confirmed().get(TxIn.parse(ref)));
    }

    public Utxo utxo(String ref) {
        TxIn in = TxIn.parse(ref);
        TxOut out = output(ref).orElseThrow(() -> new AssertionError(ref + " is not on the head"));
        return HeadUtxos.toUtxo(in, out);
    }

    /** Lovelace the key's address holds in plain outputs. */
    public long adaOf(SigningKey key) {
        return HeadUtxos.adaOnlyAt(devnet.confirmedUtxo(), address(key)).values().stream().mapToLong(HeadUtxos::lovelace).sum();
    }

    /** The builders, reading the validators from reference scripts if the head holds them. */
    public FabricTransactions transactions() {
        return new FabricTransactions(parameters, TIMING, NETWORK)
                .withReferenceScripts(HeadUtxos.referenceScripts(devnet.confirmedUtxo(), FabricScripts.validators()));
    }

    /** The largest plain output of a key: funding and collateral of the parties the test plays. */
    public Utxo fundsOf(SigningKey key) {
        return HeadUtxos.adaOnlyAt(devnet.confirmedUtxo(), address(key)).entrySet().stream()
                .max(Comparator.comparingLong((Map.Entry<TxIn, TxOut> e) -> HeadUtxos.lovelace(e.getValue())))
                .map(e -> HeadUtxos.toUtxo(e.getKey(), e.getValue()))
                .orElseThrow(() -> new AssertionError(address(key) + " has no funds on the head"));
    }

    /** What settlement does once: the validators as reference scripts, at the arbiter's address. */
    public String publishReferenceScripts() {
        return submit(new FabricTransactions(parameters, TIMING, NETWORK).publishReferenceScripts(List.of(fundsOf(ARBITER)), ARBITER)
                .complete(evaluator));
    }

    /** The app opens a bid for 1 CPU, 1 GiB, 1 GiB storage; with a workload, the spec rides in the metadata. */
    public OpenedBid openBid(Mode mode, long minPrice, long maxPrice, long durationSeconds, Duration deadlineIn,
                             Optional<WorkloadSpec> workload, List<KeyHash> allowedOperators) {
        String workloadHash = workload.map(WorkloadSpec::workloadHash).orElse("cd".repeat(32));
        BidDatum datum = new BidDatum(APP.keyHash(), new Request(1000, 1024, 1, 0, durationSeconds, Optional.of("eu-west"), workloadHash),
                minPrice, maxPrice, mode, Instant.now().plus(deadlineIn).toEpochMilli(),
                mode instanceof Mode.Race ? Optional.empty() : Optional.of(ARBITER.keyHash()), allowedOperators);
        String txId = submit(transactions().openBid(List.of(fundsOf(APP)), datum, workload, APP).complete(evaluator));
        return new OpenedBid(txId + "#0", datum, workload);
    }

    /** Another operator takes a race bid. */
    public String raceAccept(SigningKey operator, String bidRef, long price, Duration validity) {
        long now = System.currentTimeMillis();
        return submitNoWait(transactions().raceAccept(utxo(bidRef), price, operator, fundsOf(operator), now - 60_000,
                now + validity.toMillis()).complete(evaluator));
    }

    /** Another operator offers on an auction bid; returns the offer's ref. */
    public String makeOffer(SigningKey operator, String bidRef, long price) {
        BidDatum bid = BidDatum.fromInlineDatumHex(utxo(bidRef).getInlineDatum());
        OfferDatum offer = new OfferDatum(OutRef.parse(bidRef), operator.keyHash(), price, bid.request().resources(), bid.deadlineMs());
        return submit(transactions().makeOffer(List.of(fundsOf(operator)), offer, operator).complete(evaluator)) + "#0";
    }

    /** The arbiter awards a bid to an offer; returns the Lease's ref. */
    public String award(String bidRef, String offerRef, Duration validity) {
        long now = System.currentTimeMillis();
        return submit(transactions().award(utxo(bidRef), utxo(offerRef), ARBITER, fundsOf(ARBITER), now - 60_000,
                now + validity.toMillis()).complete(evaluator)) + "#0";
    }

    /** Submits and waits until a snapshot confirmed it; returns its id. */
    public String submit(SignedTransaction tx) {
        submitNoWait(tx);
        await().atMost(CONFIRMED_WITHIN).until(() -> confirmed().keySet().stream().anyMatch(in -> in.txId().equals(tx.txId())));
        return tx.txId();
    }

    /** Submits; the head accepted it (TxValid), a snapshot may still be to come. */
    public String submitNoWait(SignedTransaction tx) {
        SubmitTxResult result = http.submitTransaction(Transaction.conway(tx.cborHex(), tx.txId()));
        if (!(result instanceof SubmitTxResult.SubmitTxSubmitted) && !(result instanceof SubmitTxResult.SubmitTxConfirmed)) {
            throw new AssertionError("the head refused " + tx.txId() + ": " + result);
        }
        return tx.txId();
    }

    /** Whether any confirmed output came from this transaction. */
    public boolean isConfirmed(String txId) {
        return confirmed().keySet().stream().anyMatch(in -> in.txId().equals(txId));
    }
}
