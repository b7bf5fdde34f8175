package dev.fabric.plutus.eval;

import com.bloxbean.cardano.client.api.UtxoSupplier;
import com.bloxbean.cardano.client.api.common.OrderEnum;
import com.bloxbean.cardano.client.api.model.Utxo;
import com.bloxbean.cardano.client.exception.CborDeserializationException;
import com.bloxbean.cardano.client.plutus.spec.CostMdls;
import com.bloxbean.cardano.client.plutus.spec.PlutusScript;
import com.bloxbean.cardano.client.plutus.spec.Redeemer;
import com.bloxbean.cardano.client.transaction.spec.Transaction;
import com.bloxbean.cardano.client.transaction.spec.TransactionInput;
import com.bloxbean.cardano.client.transaction.spec.TransactionOutput;
import dev.fabric.plutus.blueprint.FabricScripts;
import dev.fabric.plutus.datum.PlutusDataCbor;
import dev.fabric.plutus.params.ProtocolParameters;
import scala.collection.immutable.Map;
import scala.jdk.javaapi.CollectionConverters;
import scalus.bloxbean.EvaluatorMode;
import scalus.bloxbean.ScalusTransactionEvaluator;
import scalus.bloxbean.TxEvaluationException;
import scalus.bloxbean.TxEvaluator;
import scalus.uplc.eval.ExBudget;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * Phase-2 validation on the JVM: runs every script of a transaction with Scalus' CEK machine and
 * reports the execution units per redeemer, or the script's failure with its traces.
 *
 * <p>The transaction's inputs and reference inputs must all be among {@code resolvedInputs}; a
 * reference script held by one of them is looked up by hash among the known scripts (the Fabric
 * validators plus any given to the constructor), since a {@link Utxo} carries only the hash.
 *
 * <p>Instances are immutable and thread-safe to share; the first evaluation warms up in about a second.
 */
public final class ScriptEvaluator {

    /**
     * Scalus' evaluator renders each redeemer's script context as JSON whenever its logger lets DEBUG
     * through: about as much CPU as running the scripts. Outside Quarkus (the devnet, the grid, the
     * benchmarks) nothing gives that logger a level, so it inherits everything; unless one was
     * configured for it, it gets INFO. Held here because the log manager forgets the level of a logger
     * nobody references.
     */
    private static final List<java.util.logging.Logger> SCALUS_LOG = quietScalusDebug();

    private final ProtocolParameters parameters;
    private final SlotTiming timing;
    private final CostMdls costModels;
    private final ScalusTransactionEvaluator resolver;
    private final TxEvaluator evaluator;

    /** Evaluator with the Fabric validators known and the cost model of {@code parameters}. */
    public ScriptEvaluator(ProtocolParameters parameters, SlotTiming timing) {
        this(parameters, timing, java.util.Map.of(), parameters.plutusV3CostModels());
    }

    /**
     * @param extraScripts reference scripts beyond the Fabric validators, by script hash (hex)
     * @param costModels   cost models to price execution with (normally those of {@code parameters})
     */
    public ScriptEvaluator(ProtocolParameters parameters, SlotTiming timing,
                           java.util.Map<String, PlutusScript> extraScripts, CostMdls costModels) {
        this.parameters = parameters;
        this.timing = timing;
        this.costModels = costModels;
        java.util.Map<String, PlutusScript> scripts = new HashMap<>(FabricScripts.validators().byHash());
        scripts.putAll(extraScripts);
        java.util.Map<String, PlutusScript> known = java.util.Map.copyOf(scripts);
        this.resolver = new ScalusTransactionEvaluator(timing.toScalus(), parameters.toCardanoClient(),
                NO_UTXOS, known::get, EvaluatorMode.EVALUATE_AND_COMPUTE_COST, false);
        this.evaluator = new TxEvaluator(timing.toScalus(),
                ExBudget.fromCpuAndMemory(parameters.maxTxSteps(), parameters.maxTxMemory()),
                parameters.protocolMajorVersion(), costModels, EvaluatorMode.EVALUATE_AND_COMPUTE_COST, false);
    }

    public SlotTiming timing() {
        return timing;
    }

    public ProtocolParameters parameters() {
        return parameters;
    }

    /** Evaluates a serialized transaction (witnesses may be missing: signatures are not checked here). */
    public EvaluationResult evaluate(byte[] txCbor, List<Utxo> resolvedInputs) {
        Transaction tx;
        try {
            PlutusDataCbor.requireLengthsWithinBounds(txCbor, "transaction");
            tx = Transaction.deserialize(txCbor);
        } catch (CborDeserializationException | RuntimeException e) {
            return new EvaluationResult.Failure("transaction is not valid CBOR: " + e.getMessage(), List.of());
        }
        return evaluate(tx, resolvedInputs);
    }

    public EvaluationResult evaluate(Transaction tx, List<Utxo> resolvedInputs) {
        Map<TransactionInput, TransactionOutput> utxos;
        try {
            utxos = resolver.resolveUtxos(tx, new LinkedHashSet<>(resolvedInputs));
        } catch (RuntimeException e) {
            return new EvaluationResult.Failure("cannot resolve the transaction's inputs: " + e.getMessage(), List.of());
        }
        try {
            List<Redeemer> evaluated = CollectionConverters.asJava(evaluator.evaluateTx(tx, utxos));
            List<RedeemerBudget> budgets = new ArrayList<>();
            for (Redeemer r : evaluated) {
                budgets.add(new RedeemerBudget(r.getTag(), r.getIndex().intValueExact(),
                        r.getExUnits().getMem().longValueExact(), r.getExUnits().getSteps().longValueExact()));
            }
            return new EvaluationResult.Success(budgets);
        } catch (Exception e) {
            // Scala declares no checked exceptions: TxEvaluationException arrives through a plain catch.
            if (e instanceof TxEvaluationException failed) {
                return new EvaluationResult.Failure(failed.getMessage(), Arrays.asList(failed.logs()));
            }
            return new EvaluationResult.Failure(e.getClass().getSimpleName() + ": " + e.getMessage(), List.of());
        }
    }

    private static List<java.util.logging.Logger> quietScalusDebug() {
        List<java.util.logging.Logger> quieted = new ArrayList<>();
        quieted.add(quiet(java.util.logging.Logger.getLogger("scalus")));
        // SLF4J bound to JBoss LogManager in a JVM whose JUL manager is the JDK's (a plain `java -cp`): its
        // log context is a tree of its own, every level enabled
        try {
            Object jboss = Class.forName("org.jboss.logmanager.Logger").getMethod("getLogger", String.class).invoke(null, "scalus");
            quieted.add(quiet((java.util.logging.Logger) jboss));
        } catch (ReflectiveOperationException | LinkageError | ClassCastException absent) {
            // another SLF4J backend: configured by its own means
        }
        return List.copyOf(quieted);
    }

    private static java.util.logging.Logger quiet(java.util.logging.Logger scalus) {
        if (scalus.getLevel() == null) {
            scalus.setLevel(java.util.logging.Level.INFO);
        }
        return scalus;
    }

    /** Inputs come only from the caller's list: nothing is fetched. */
    private static final UtxoSupplier NO_UTXOS = new UtxoSupplier() {
        @Override
        public List<Utxo> getPage(String address, Integer nrOfItems, Integer page, OrderEnum order) {
            return List.of();
        }

        @Override
        public Optional<Utxo> getTxOutput(String txHash, int outputIndex) {
            return Optional.empty();
        }
    };
}
