package dev.fabric.settlement.adapter;

import dev.fabric.plutus.head.HeadUtxos;
import com.bloxbean.cardano.client.api.model.Utxo;
import com.bloxbean.cardano.client.common.model.Network;
import dev.fabric.hydra.api.SubmitTxResult;
import dev.fabric.hydra.api.Transaction;
import dev.fabric.hydra.api.TxIn;
import dev.fabric.hydra.api.TxOut;
import dev.fabric.hydra.client.HydraHttpClient;
import dev.fabric.plutus.blueprint.FabricScript;
import dev.fabric.plutus.blueprint.FabricScripts;
import dev.fabric.plutus.eval.ScriptEvaluator;
import dev.fabric.plutus.eval.SlotTiming;
import dev.fabric.plutus.params.ProtocolParameters;
import dev.fabric.plutus.tx.FabricTransactions;
import dev.fabric.plutus.tx.SignedTransaction;
import dev.fabric.plutus.tx.SigningKey;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The arbiter's footing on the head: its collateral output and the validators published once as
 * reference scripts (at the arbiter's address, so no one else can spend them, and settlement
 * never spends them: funding and collateral only ever use ada-only outputs without scripts).
 *
 * <p>{@link #session()} never waits: while the head is unreachable, the arbiter unfunded or the
 * reference scripts still being confirmed, it throws {@link HeadUnavailableException} with the
 * reason, and callers retry later.
 */
public final class ArbiterWallet {

    private static final Logger LOG = Logger.getLogger(ArbiterWallet.class);

    private final SigningKey arbiter;
    private final Network network;
    private final String address;
    private final HydraHttpClient http;
    private final HeadUtxoView view;
    private final SlotTiming timing;
    private final long collateralMinimum;
    private final Clock clock;
    private final Duration publishTimeout;

    private ProtocolParameters parameters;
    private ScriptEvaluator evaluator;
    private volatile HeadSession session;
    private String publishingTxId;
    private Instant publishingSince;
    private volatile String waitingFor = "not yet asked for";

    public ArbiterWallet(SigningKey arbiter, Network network, HydraHttpClient http, HeadUtxoView view, SlotTiming timing,
                         long collateralMinimum, Clock clock, Duration publishTimeout) {
        this.arbiter = Objects.requireNonNull(arbiter, "arbiter");
        this.network = Objects.requireNonNull(network, "network");
        this.address = arbiter.address(network).toBech32();
        this.http = Objects.requireNonNull(http, "http");
        this.view = Objects.requireNonNull(view, "view");
        this.timing = Objects.requireNonNull(timing, "timing");
        this.collateralMinimum = collateralMinimum;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.publishTimeout = Objects.requireNonNull(publishTimeout, "publishTimeout");
    }

    public SigningKey arbiter() {
        return arbiter;
    }

    /** The arbiter's enterprise address: where its funds, collateral and reference scripts live. */
    public String address() {
        return address;
    }

    /** Ready to build, or why not (for the readiness check); does not contact the head. */
    public Optional<String> notReadyBecause() {
        return session != null ? Optional.empty() : Optional.of(waitingFor);
    }

    public synchronized HeadSession session() {
        if (session != null) {
            return session;
        }
        try {
            session = open();
            LOG.infof("arbiter %s ready on the head: collateral %s#%d, reference scripts %s", arbiter.keyHash(),
                    session.collateral().getTxHash(), session.collateral().getOutputIndex(), session.referenceScripts().keySet());
            waitingFor = "ready";
            return session;
        } catch (HeadUnavailableException e) {
            waitingFor = e.getMessage();
            throw e;
        }
    }

    private HeadSession open() {
        if (parameters == null) {
            try {
                parameters = ProtocolParameters.fromJson(http.protocolParameters().json().toString().getBytes(StandardCharsets.UTF_8));
            } catch (RuntimeException e) {
                throw new HeadUnavailableException("cannot read the head's protocol parameters: " + e.getMessage(), e);
            }
            evaluator = new ScriptEvaluator(parameters, timing);
        }
        Map<TxIn, TxOut> utxo = view.refresh();
        Map<String, Utxo> references = referenceScripts(utxo);
        if (references.size() < FabricScripts.validators().all().size()) {
            publish(utxo);
        }
        Utxo collateral = collateral(utxo).orElseThrow(() -> new HeadUnavailableException("the arbiter "
                + address + " holds no ada-only output of at least " + collateralMinimum
                + " lovelace on the head to put up as collateral: fund it"));
        FabricTransactions transactions = new FabricTransactions(parameters, timing, network).withReferenceScripts(references);
        return new HeadSession(arbiter, parameters, timing, evaluator, transactions, collateral, references);
    }

    /** The Fabric validators published at the arbiter's address, by script hash. */
    private Map<String, Utxo> referenceScripts(Map<TxIn, TxOut> utxo) {
        List<String> wanted = FabricScripts.validators().all().stream().map(FabricScript::scriptHash).toList();
        Map<String, Utxo> found = new LinkedHashMap<>();
        utxo.entrySet().stream()
                .filter(e -> address.equals(e.getValue().address()))
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> HeadUtxos.referenceScriptHash(e.getValue())
                        .filter(wanted::contains)
                        .ifPresent(hash -> found.putIfAbsent(hash, HeadUtxos.toUtxo(e.getKey(), e.getValue()))));
        return found;
    }

    private void publish(Map<TxIn, TxOut> utxo) {
        if (publishingTxId != null) {
            boolean landed = utxo.keySet().stream().anyMatch(in -> in.txId().equals(publishingTxId));
            if (!landed && Duration.between(publishingSince, clock.instant()).compareTo(publishTimeout) < 0) {
                throw new HeadUnavailableException("waiting for the reference scripts published in " + publishingTxId
                        + " to be confirmed");
            }
            if (landed) {
                throw new HeadUnavailableException("reference scripts of " + publishingTxId + " are confirmed but incomplete");
            }
            LOG.warnf("reference scripts of %s not confirmed after %s; publishing again", publishingTxId, publishTimeout);
        }
        List<Utxo> candidates = plainOutputs(utxo);
        if (candidates.isEmpty()) {
            throw new HeadUnavailableException("the arbiter " + address + " holds no ada-only output on the head to "
                    + "publish the reference scripts with: fund it");
        }
        FabricTransactions builders = new FabricTransactions(parameters, timing, network);
        SignedTransaction signed = null;
        RuntimeException lastProblem = null;
        // The largest output alone keeps the rest free for collateral; all of them if it is too small.
        for (List<Utxo> funding : List.of(candidates.subList(0, 1), candidates)) {
            try {
                signed = builders.publishReferenceScripts(funding, arbiter).complete(evaluator);
                break;
            } catch (IllegalArgumentException e) {
                lastProblem = e;
            }
        }
        if (signed == null) {
            throw new HeadUnavailableException("cannot fund the reference scripts from the arbiter's outputs: "
                    + lastProblem.getMessage());
        }
        SubmitTxResult result;
        try {
            result = http.submitTransaction(Transaction.conway(signed.cborHex(), signed.txId()));
        } catch (RuntimeException e) {
            throw new HeadUnavailableException("cannot submit the reference scripts: " + e.getMessage(), e);
        }
        if (result instanceof SubmitTxResult.SubmitTxInvalid invalid) {
            throw new HeadUnavailableException("the head refused the reference scripts: " + invalid.validationError());
        }
        if (result instanceof SubmitTxResult.SubmitTxRejected rejected) {
            throw new HeadUnavailableException("the head is not accepting transactions: " + rejected.reason());
        }
        publishingTxId = signed.txId();
        publishingSince = clock.instant();
        LOG.infof("published the Fabric validators as reference scripts in %s (%d bytes)", signed.txId(), signed.sizeBytes());
        throw new HeadUnavailableException("waiting for the reference scripts published in " + publishingTxId + " to be confirmed");
    }

    /** Ada-only outputs of the arbiter without scripts, largest first. */
    private List<Utxo> plainOutputs(Map<TxIn, TxOut> utxo) {
        List<Map.Entry<TxIn, TxOut>> plain = new ArrayList<>();
        utxo.entrySet().stream()
                .filter(e -> address.equals(e.getValue().address()) && HeadUtxos.adaOnly(e.getValue()))
                .forEach(plain::add);
        plain.sort(Comparator.comparingLong((Map.Entry<TxIn, TxOut> e) -> HeadUtxos.lovelace(e.getValue())).reversed()
                .thenComparing(Map.Entry.comparingByKey()));
        return plain.stream().map(e -> HeadUtxos.toUtxo(e.getKey(), e.getValue())).toList();
    }

    /**
     * The collateral: the arbiter's first ada-only output (in ledger order) holding at least the
     * minimum. Choosing by position, not by amount, keeps it stable while funds come and go, so a
     * rebuilt transaction comes out the same.
     */
    private Optional<Utxo> collateral(Map<TxIn, TxOut> utxo) {
        return utxo.entrySet().stream()
                .filter(e -> address.equals(e.getValue().address()) && HeadUtxos.adaOnly(e.getValue()))
                .filter(e -> HeadUtxos.lovelace(e.getValue()) >= collateralMinimum)
                .min(Map.Entry.comparingByKey())
                .map(e -> HeadUtxos.toUtxo(e.getKey(), e.getValue()));
    }
}
