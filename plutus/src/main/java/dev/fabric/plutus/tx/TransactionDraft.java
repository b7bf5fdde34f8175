package dev.fabric.plutus.tx;

import com.bloxbean.cardano.client.api.model.Utxo;
import com.bloxbean.cardano.client.exception.CborSerializationException;
import com.bloxbean.cardano.client.metadata.Metadata;
import com.bloxbean.cardano.client.plutus.spec.ExUnits;
import com.bloxbean.cardano.client.plutus.spec.PlutusData;
import com.bloxbean.cardano.client.plutus.spec.PlutusV3Script;
import com.bloxbean.cardano.client.plutus.spec.Redeemer;
import com.bloxbean.cardano.client.plutus.spec.RedeemerTag;
import com.bloxbean.cardano.client.plutus.util.ScriptDataHashGenerator;
import com.bloxbean.cardano.client.spec.Era;
import com.bloxbean.cardano.client.transaction.spec.AuxiliaryData;
import com.bloxbean.cardano.client.transaction.spec.Transaction;
import com.bloxbean.cardano.client.transaction.spec.TransactionBody;
import com.bloxbean.cardano.client.transaction.spec.TransactionInput;
import com.bloxbean.cardano.client.transaction.spec.TransactionOutput;
import com.bloxbean.cardano.client.transaction.spec.TransactionWitnessSet;
import com.bloxbean.cardano.client.transaction.util.TransactionUtil;
import com.bloxbean.cardano.client.util.HexUtil;
import dev.fabric.plutus.blueprint.FabricScript;
import dev.fabric.plutus.datum.KeyHash;
import dev.fabric.plutus.datum.OutRef;
import dev.fabric.plutus.eval.EvaluationResult;
import dev.fabric.plutus.eval.RedeemerBudget;
import dev.fabric.plutus.eval.ScriptEvaluator;
import dev.fabric.plutus.params.ProtocolParameters;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * An unsigned transaction whose scripts have not been priced yet, with everything needed to finish
 * it: the UTxOs it spends or references (for evaluation) and the keys that must sign it.
 *
 * <p>{@link #complete(ScriptEvaluator)} evaluates the scripts, declares their units plus a margin,
 * recomputes the script data hash and signs. Every step is deterministic: the same draft gives the
 * same bytes and the same transaction id, which services rely on for exactly-once submission.
 */
public final class TransactionDraft {

    /** Zero-priced units cost nothing on the L2 head, while an underestimate fails the transaction. */
    public static final int DEFAULT_MARGIN_PERCENT = 20;

    private final Transaction unsigned;
    private final List<Utxo> resolvedInputs;
    private final List<SigningKey> signers;
    private final List<String> redeemerLabels;
    private final ProtocolParameters parameters;

    private TransactionDraft(Transaction unsigned, List<Utxo> resolvedInputs, List<SigningKey> signers,
                             List<String> redeemerLabels, ProtocolParameters parameters) {
        this.unsigned = unsigned;
        this.resolvedInputs = List.copyOf(resolvedInputs);
        this.signers = List.copyOf(signers);
        this.redeemerLabels = List.copyOf(redeemerLabels);
        this.parameters = parameters;
    }

    public static Builder builder(ProtocolParameters parameters) {
        return new Builder(parameters);
    }

    /** Copy of the unsigned transaction (ex-units still zero). */
    public Transaction transaction() {
        return TransactionUtil.createCopy(unsigned);
    }

    public byte[] unsignedCbor() {
        return serialize(unsigned);
    }

    public List<Utxo> resolvedInputs() {
        return resolvedInputs;
    }

    /** What each redeemer spends, e.g. {@code bid.Award}, in the transaction's redeemer order. */
    public List<String> redeemerLabels() {
        return redeemerLabels;
    }

    /** Label of the redeemer an evaluator reported {@code budget} for. */
    public String labelOf(RedeemerBudget budget) {
        List<Redeemer> redeemers = unsigned.getWitnessSet().getRedeemers();
        for (int i = 0; i < redeemers.size(); i++) {
            Redeemer r = redeemers.get(i);
            if (r.getTag() == budget.tag() && r.getIndex().intValue() == budget.index()) {
                return redeemerLabels.get(i);
            }
        }
        throw new IllegalArgumentException("no redeemer " + budget.tag() + " " + budget.index() + " in this draft");
    }

    /** Runs the scripts without finishing the transaction: what a test or a dry run needs. */
    public EvaluationResult evaluate(ScriptEvaluator evaluator) {
        return evaluator.evaluate(unsigned, resolvedInputs);
    }

    public SignedTransaction complete(ScriptEvaluator evaluator) {
        return complete(evaluator, DEFAULT_MARGIN_PERCENT);
    }

    /**
     * @throws ScriptRejectedException when a script rejects the transaction
     */
    public SignedTransaction complete(ScriptEvaluator evaluator, int marginPercent) {
        Transaction tx = TransactionUtil.createCopy(unsigned);
        List<SignedTransaction.ExecutionUnits> declared = new ArrayList<>();
        if (tx.getWitnessSet() == null) {
            tx.setWitnessSet(new TransactionWitnessSet());
        }
        List<Redeemer> redeemers = tx.getWitnessSet().getRedeemers();
        if (redeemers != null && !redeemers.isEmpty()) {
            EvaluationResult result = evaluator.evaluate(tx, resolvedInputs);
            if (result instanceof EvaluationResult.Failure failure) {
                throw new ScriptRejectedException(failure);
            }
            List<RedeemerBudget> budgets = ((EvaluationResult.Success) result).budgets();
            for (int i = 0; i < redeemers.size(); i++) {
                Redeemer redeemer = redeemers.get(i);
                RedeemerBudget budget = budgetOf(budgets, redeemer);
                long memory = Math.min(withMargin(budget.memory(), marginPercent), parameters.maxTxMemory());
                long steps = Math.min(withMargin(budget.steps(), marginPercent), parameters.maxTxSteps());
                redeemer.setExUnits(new ExUnits(BigInteger.valueOf(memory), BigInteger.valueOf(steps)));
                declared.add(new SignedTransaction.ExecutionUnits(redeemerLabels.get(i), memory, steps));
            }
            tx.getBody().setScriptDataHash(scriptDataHash(redeemers, parameters));
        }
        for (SigningKey signer : signers) {
            tx = signer.sign(tx);
        }
        byte[] cbor = serialize(tx);
        return new SignedTransaction(cbor, TransactionUtil.getTxHash(cbor), declared);
    }

    private static RedeemerBudget budgetOf(List<RedeemerBudget> budgets, Redeemer redeemer) {
        return budgets.stream()
                .filter(b -> b.tag() == redeemer.getTag() && b.index() == redeemer.getIndex().intValue())
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("evaluator returned no budget for "
                        + redeemer.getTag() + " " + redeemer.getIndex()));
    }

    private static long withMargin(long units, int marginPercent) {
        return Math.addExact(units, Math.multiplyExact(units, (long) marginPercent) / 100);
    }

    static byte[] scriptDataHash(List<Redeemer> redeemers, ProtocolParameters parameters) {
        try {
            return ScriptDataHashGenerator.generate(Era.Conway, redeemers, List.of(), parameters.plutusV3CostModels());
        } catch (CborSerializationException | co.nstant.in.cbor.CborException e) {
            throw new IllegalStateException("cannot compute the script data hash", e);
        }
    }

    static byte[] serialize(Transaction tx) {
        try {
            return tx.serialize();
        } catch (CborSerializationException e) {
            throw new IllegalStateException("cannot serialize transaction", e);
        }
    }

    static TransactionInput input(OutRef ref) {
        return new TransactionInput(ref.txId(), ref.index());
    }

    static OutRef refOf(Utxo utxo) {
        return new OutRef(utxo.getTxHash(), utxo.getOutputIndex());
    }

    /**
     * Assembles a draft from explicit parts. The high-level builders in {@link FabricTransactions}
     * use it; tests use it directly to assemble transactions an honest builder never would.
     */
    public static final class Builder {

        private final ProtocolParameters parameters;
        private final Map<OutRef, Utxo> keyInputs = new LinkedHashMap<>();
        private final Map<OutRef, ScriptSpend> scriptInputs = new LinkedHashMap<>();
        private final Map<OutRef, Utxo> referenceInputs = new LinkedHashMap<>();
        private final List<TransactionOutput> outputs = new ArrayList<>();
        private final TreeSet<String> requiredSigners = new TreeSet<>();
        private final Map<String, SigningKey> signers = new TreeMap<>();
        private Utxo collateral;
        private OptionalLong validFromSlot = OptionalLong.empty();
        private OptionalLong validToSlot = OptionalLong.empty();
        private Metadata metadata;

        private record ScriptSpend(Utxo utxo, FabricScript script, PlutusData redeemer, String label,
                                   Optional<Utxo> scriptReference) {
        }

        private Builder(ProtocolParameters parameters) {
            this.parameters = Objects.requireNonNull(parameters, "parameters");
        }

        /** Spends a key-locked output (its owner must sign). */
        public Builder spend(Utxo utxo) {
            keyInputs.put(refOf(utxo), utxo);
            return this;
        }

        /**
         * Spends a script-locked output with {@code redeemer}. With a {@code scriptReference} the
         * script is read from that output (a reference input) instead of being carried in the witness set.
         */
        public Builder spendScript(Utxo utxo, FabricScript script, PlutusData redeemer, String label,
                                   Optional<Utxo> scriptReference) {
            scriptInputs.put(refOf(utxo), new ScriptSpend(utxo, script, redeemer, label, scriptReference));
            return this;
        }

        public Builder pay(TransactionOutput output) {
            outputs.add(output);
            return this;
        }

        /** Lists a key the ledger must see a signature from; validators read it as a signatory. */
        public Builder requireSigner(KeyHash keyHash) {
            requiredSigners.add(keyHash.hex());
            return this;
        }

        /** A key that signs the finished transaction (also listed as a required signer). */
        public Builder signWith(SigningKey key) {
            signers.put(key.keyHash().hex(), key);
            requiredSigners.add(key.keyHash().hex());
            return this;
        }

        /** Ada-only key-locked output put up as collateral; needed whenever a script runs. */
        public Builder collateral(Utxo utxo) {
            this.collateral = utxo;
            return this;
        }

        public Builder validFromSlot(long slot) {
            this.validFromSlot = OptionalLong.of(slot);
            return this;
        }

        /** First slot at which the transaction is no longer valid (the ledger's TTL, exclusive). */
        public Builder validToSlot(long slot) {
            this.validToSlot = OptionalLong.of(slot);
            return this;
        }

        public Builder metadata(Metadata metadata) {
            this.metadata = metadata;
            return this;
        }

        public TransactionDraft build() {
            if (outputs.isEmpty()) {
                throw new IllegalStateException("a transaction needs at least one output");
            }
            // The ledger orders inputs by (txId, index); redeemer indices point into that order.
            TreeMap<OutRef, Utxo> spent = new TreeMap<>(keyInputs);
            scriptInputs.forEach((ref, spend) -> spent.put(ref, spend.utxo()));
            List<TransactionInput> inputs = spent.keySet().stream().map(TransactionDraft::input).toList();

            List<Redeemer> redeemers = new ArrayList<>();
            List<String> labels = new ArrayList<>();
            Map<String, PlutusV3Script> witnessScripts = new TreeMap<>();
            TreeMap<OutRef, Utxo> references = new TreeMap<>(referenceInputs);
            List<OutRef> order = new ArrayList<>(spent.keySet());
            scriptInputs.entrySet().stream()
                    .sorted(Map.Entry.comparingByKey())
                    .forEach(entry -> {
                        ScriptSpend spend = entry.getValue();
                        redeemers.add(Redeemer.builder()
                                .tag(RedeemerTag.Spend)
                                .index(BigInteger.valueOf(order.indexOf(entry.getKey())))
                                .data(spend.redeemer())
                                .exUnits(new ExUnits(BigInteger.ZERO, BigInteger.ZERO))
                                .build());
                        labels.add(spend.label());
                        if (spend.scriptReference().isPresent()) {
                            Utxo holder = spend.scriptReference().get();
                            references.put(refOf(holder), holder);
                        } else {
                            witnessScripts.put(spend.script().scriptHash(), spend.script().plutusScript());
                        }
                    });

            TransactionBody body = new TransactionBody();
            body.setInputs(new ArrayList<>(inputs));
            body.setOutputs(new ArrayList<>(outputs));
            body.setFee(requireZeroFee());
            validFromSlot.ifPresent(body::setValidityStartInterval);
            validToSlot.ifPresent(body::setTtl);
            if (!references.isEmpty()) {
                body.setReferenceInputs(references.keySet().stream().map(TransactionDraft::input)
                        .collect(java.util.stream.Collectors.toCollection(ArrayList::new)));
            }
            if (!requiredSigners.isEmpty()) {
                body.setRequiredSigners(requiredSigners.stream().map(HexUtil::decodeHexString)
                        .collect(java.util.stream.Collectors.toCollection(ArrayList::new)));
            }
            List<Utxo> resolved = new ArrayList<>(spent.values());
            resolved.addAll(references.values());
            if (!redeemers.isEmpty()) {
                if (collateral == null) {
                    throw new IllegalStateException("a script transaction needs a collateral input");
                }
                body.setCollateral(new ArrayList<>(List.of(input(refOf(collateral)))));
                if (!spent.containsKey(refOf(collateral))) {
                    resolved.add(collateral);
                }
            }

            TransactionWitnessSet witnesses = new TransactionWitnessSet();
            if (!redeemers.isEmpty()) {
                witnesses.setRedeemers(redeemers);
                if (!witnessScripts.isEmpty()) {
                    witnesses.setPlutusV3Scripts(new ArrayList<>(witnessScripts.values()));
                }
                body.setScriptDataHash(scriptDataHash(redeemers, parameters));
            }

            Transaction tx = new Transaction();
            tx.setBody(body);
            tx.setWitnessSet(witnesses);
            tx.setValid(true);
            if (metadata != null) {
                AuxiliaryData auxiliaryData = AuxiliaryData.builder().metadata(metadata).build();
                tx.setAuxiliaryData(auxiliaryData);
                body.setAuxiliaryDataHash(auxiliaryData.getAuxiliaryDataHash());
            }
            return new TransactionDraft(tx, resolved, new ArrayList<>(signers.values()), labels, parameters);
        }

        /** The builders balance without change for fees, so they only serve zero-fee (L2) parameters. */
        private BigInteger requireZeroFee() {
            if (parameters.txFeeFixed() != 0 || parameters.txFeePerByte() != 0
                    || parameters.priceMemory().signum() != 0 || parameters.priceSteps().signum() != 0) {
                throw new IllegalStateException("Fabric builders target zero-fee L2 protocol parameters; "
                        + "these charge fees");
            }
            return BigInteger.ZERO;
        }
    }
}
