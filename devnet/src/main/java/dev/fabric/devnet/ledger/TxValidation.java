package dev.fabric.devnet.ledger;

import co.nstant.in.cbor.CborDecoder;
import co.nstant.in.cbor.model.Array;
import com.bloxbean.cardano.client.address.util.AddressUtil;
import com.bloxbean.cardano.client.api.model.Amount;
import com.bloxbean.cardano.client.api.model.Utxo;
import com.bloxbean.cardano.client.crypto.Blake2bUtil;
import com.bloxbean.cardano.client.plutus.spec.PlutusScript;
import com.bloxbean.cardano.client.plutus.spec.PlutusV1Script;
import com.bloxbean.cardano.client.plutus.spec.PlutusV2Script;
import com.bloxbean.cardano.client.plutus.spec.PlutusV3Script;
import com.bloxbean.cardano.client.plutus.spec.Redeemer;
import com.bloxbean.cardano.client.plutus.spec.RedeemerTag;
import com.bloxbean.cardano.client.transaction.spec.Asset;
import com.bloxbean.cardano.client.transaction.spec.MultiAsset;
import com.bloxbean.cardano.client.transaction.spec.TransactionBody;
import com.bloxbean.cardano.client.transaction.spec.TransactionOutput;
import com.bloxbean.cardano.client.transaction.spec.TransactionWitnessSet;
import com.bloxbean.cardano.client.transaction.spec.Withdrawal;
import com.bloxbean.cardano.client.transaction.spec.script.NativeScript;
import dev.fabric.hydra.api.TxIn;
import dev.fabric.plutus.blueprint.FabricScripts;
import dev.fabric.plutus.eval.EvaluationResult;
import dev.fabric.plutus.eval.RedeemerBudget;
import dev.fabric.plutus.eval.ScriptEvaluator;
import dev.fabric.plutus.params.ProtocolParameters;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Conway ledger rules a Hydra head applies to each transaction (hydra-node runs the real ledger's
 * {@code applyTx}): phase 1 (structure, UTxO, value, sizes, witnesses, scripts present, integrity
 * hash, collateral) and, when that passes, phase 2 (Plutus scripts run by the plutus module's
 * evaluator). Like the ledger, phase 1 reports every broken rule it finds, not only the first.
 *
 * <p>A pure function of the transaction, the UTxO set and the slot; thread-safe.
 */
public final class TxValidation {

    private static final HexFormat HEX = HexFormat.of();
    /** Babbage/Conway min-ADA: every output pays for 160 bytes of ledger overhead besides its own size. */
    private static final long OUTPUT_OVERHEAD_BYTES = 160;

    private final LedgerRules rules;
    private final Set<String> fabricScriptHashes;
    private final Map<Set<String>, ScriptEvaluator> evaluatorsWithExtraScripts = new ConcurrentHashMap<>();

    public TxValidation(LedgerRules rules) {
        this.rules = rules;
        this.fabricScriptHashes = Set.copyOf(FabricScripts.validators().byHash().keySet());
    }

    public LedgerRules rules() {
        return rules;
    }

    /** A script a purpose of the transaction needs, from its witness set or from a reference input. */
    private record AvailableScript(int language, NativeScript nativeScript, PlutusScript plutusScript, boolean fromReference) {
    }

    /** Something in the transaction that runs a script: the redeemer pointer and the script hash. */
    private record Purpose(RedeemerTag tag, int index, String scriptHash, TxIn spending) {
        String pointer() {
            return tag + "#" + index;
        }
    }

    public TxVerdict validate(DecodedTx tx, UtxoLookup utxo, long slot) {
        List<LedgerFailure> failures = new ArrayList<>();
        TransactionBody body = tx.transaction().getBody();
        ProtocolParameters parameters = rules.parameters();

        if (tx.size() > parameters.maxTxSize()) {
            failures.add(LedgerFailure.maxTxSize(tx.size(), parameters.maxTxSize()));
        }
        if (tx.inputs().isEmpty()) {
            failures.add(LedgerFailure.inputSetEmpty());
        }

        Set<TxIn> missing = new TreeSet<>();
        Map<TxIn, LedgerOutput> spent = resolve(tx.inputs(), utxo, missing);
        Map<TxIn, LedgerOutput> collateral = resolve(tx.collateral(), utxo, missing);
        Map<TxIn, LedgerOutput> referenced = resolve(tx.referenceInputs(), utxo, missing);
        if (!missing.isEmpty()) {
            failures.add(LedgerFailure.badInputs(missing));
        }

        Long before = tx.invalidBefore();
        Long hereafter = tx.invalidHereafter();
        if ((before != null && slot < before) || (hereafter != null && slot >= hereafter)) {
            failures.add(LedgerFailure.outsideValidity(before, hereafter, slot));
        }

        if (body.getCerts() != null && !body.getCerts().isEmpty()) {
            failures.add(LedgerFailure.unsupported("certificates: a head keeps no delegation state"));
        }
        if (body.getVotingProcedures() != null || (body.getProposalProcedures() != null && !body.getProposalProcedures().isEmpty())) {
            failures.add(LedgerFailure.unsupported("governance actions and votes"));
        }
        List<Withdrawal> withdrawals = body.getWithdrawals() == null ? List.of() : body.getWithdrawals();
        List<String> nonZeroWithdrawals = withdrawals.stream()
                .filter(w -> w.getCoin() != null && w.getCoin().signum() != 0)
                .map(w -> w.getRewardAddress() + " " + w.getCoin()).toList();
        if (!nonZeroWithdrawals.isEmpty()) {
            // A head has no reward accounts; only the "withdraw zero" trick for script validation works.
            failures.add(LedgerFailure.withdrawalsNotInRewards(nonZeroWithdrawals));
        }

        List<LedgerOutput> outputs = outputs(tx);
        checkOutputs(outputs, body.getCollateralReturn(), failures);

        List<Redeemer> redeemers = redeemers(tx);
        long declaredMemory = 0;
        long declaredSteps = 0;
        for (Redeemer redeemer : redeemers) {
            declaredMemory += redeemer.getExUnits().getMem().longValue();
            declaredSteps += redeemer.getExUnits().getSteps().longValue();
        }
        BigInteger fee = body.getFee() == null ? BigInteger.ZERO : body.getFee();
        BigInteger minFee = parameters.minFee(tx.size(), declaredMemory, declaredSteps);
        if (fee.compareTo(minFee) < 0) {
            failures.add(LedgerFailure.feeTooSmall(fee, minFee));
        }

        if (missing.isEmpty()) {
            ValueSum consumed = new ValueSum();
            spent.values().forEach(out -> consumed.add(out.output().getValue()));
            consumed.addAssets(body.getMint());
            withdrawals.forEach(w -> consumed.addCoin(w.getCoin()));
            ValueSum produced = new ValueSum();
            outputs.forEach(out -> produced.add(out.output().getValue()));
            produced.addCoin(fee).addCoin(body.getDonation());
            if (!consumed.equals(produced)) {
                failures.add(LedgerFailure.valueNotConserved(consumed.toString(), produced.toString()));
            }
        }

        if (!tx.badWitnesses().isEmpty()) {
            failures.add(LedgerFailure.invalidWitnesses(tx.badWitnesses()));
        }
        Set<String> required = requiredSigners(body, spent, collateral, withdrawals);
        required.removeAll(tx.signers());
        if (!required.isEmpty()) {
            failures.add(LedgerFailure.missingVKeyWitnesses(required));
        }

        Map<String, AvailableScript> scripts = availableScripts(tx, spent, referenced);
        List<Purpose> purposes = scriptPurposes(tx, body, spent, withdrawals);
        Set<String> missingScripts = new TreeSet<>();
        Set<String> failingNative = new TreeSet<>();
        List<Purpose> plutusPurposes = new ArrayList<>();
        SortedSet<Integer> languages = new TreeSet<>();
        Map<String, PlutusScript> referenceScripts = new HashMap<>();
        for (Purpose purpose : purposes) {
            AvailableScript script = scripts.get(purpose.scriptHash());
            if (script == null) {
                missingScripts.add(purpose.scriptHash());
            } else if (script.nativeScript() != null) {
                if (!NativeScripts.validates(script.nativeScript(), tx.signers(), before, hereafter)) {
                    failingNative.add(purpose.scriptHash());
                }
            } else {
                plutusPurposes.add(purpose);
                languages.add(script.language());
                if (script.fromReference()) {
                    referenceScripts.put(purpose.scriptHash(), script.plutusScript());
                }
            }
        }
        if (!missingScripts.isEmpty()) {
            failures.add(LedgerFailure.missingScripts(missingScripts));
        }
        if (!failingNative.isEmpty()) {
            failures.add(LedgerFailure.nativeScriptFails(failingNative));
        }

        checkRedeemers(plutusPurposes, redeemers, failures);
        checkDatums(tx, outputs, spent, referenced, plutusPurposes, scripts, failures);

        String suppliedHash = body.getScriptDataHash() == null ? null : HEX.formatHex(body.getScriptDataHash());
        String expectedHash = ScriptDataHash.expected(tx.redeemersBytes(), tx.datumsBytes(), languages, parameters);
        if (!Objects.equals(suppliedHash, expectedHash)) {
            failures.add(LedgerFailure.scriptIntegrityHashMismatch(suppliedHash, expectedHash));
        }

        if (!plutusPurposes.isEmpty()) {
            checkCollateral(tx, body, collateral, fee, failures);
        }
        if (declaredMemory > parameters.maxTxMemory() || declaredSteps > parameters.maxTxSteps()) {
            failures.add(LedgerFailure.exUnitsTooBig(declaredMemory, declaredSteps, parameters.maxTxMemory(), parameters.maxTxSteps()));
        }

        if (!failures.isEmpty()) {
            return new TxVerdict.Invalid(tx, failures);
        }
        return phaseTwo(tx, body, outputs, spent, collateral, referenced, plutusPurposes, redeemers, referenceScripts);
    }

    private TxVerdict phaseTwo(DecodedTx tx, TransactionBody body, List<LedgerOutput> outputs,
                               Map<TxIn, LedgerOutput> spent, Map<TxIn, LedgerOutput> collateral,
                               Map<TxIn, LedgerOutput> referenced, List<Purpose> plutusPurposes,
                               List<Redeemer> redeemers, Map<String, PlutusScript> referenceScripts) {
        boolean claimsValid = tx.isValidFlag();
        if (plutusPurposes.isEmpty()) {
            if (!claimsValid) {
                return new TxVerdict.Invalid(tx, List.of(LedgerFailure.validationTagMismatch(false, "")));
            }
            return valid(tx, outputs);
        }
        List<Utxo> resolved = new ArrayList<>();
        spent.forEach((in, out) -> resolved.add(toEvaluatorUtxo(in, out)));
        referenced.forEach((in, out) -> resolved.add(toEvaluatorUtxo(in, out)));
        collateral.forEach((in, out) -> {
            if (!spent.containsKey(in) && !referenced.containsKey(in)) {
                resolved.add(toEvaluatorUtxo(in, out));
            }
        });
        EvaluationResult result = evaluatorFor(referenceScripts).evaluate(tx.transaction(), resolved);
        String failure = null;
        if (result instanceof EvaluationResult.Failure failed) {
            failure = failed.describe();
        } else if (result instanceof EvaluationResult.Success success) {
            failure = overBudget(success.budgets(), redeemers);
        }
        if (failure == null && claimsValid) {
            return valid(tx, outputs);
        }
        if (failure != null && claimsValid) {
            return new TxVerdict.Invalid(tx, List.of(LedgerFailure.validationTagMismatch(true, failure)));
        }
        if (failure == null) {
            return new TxVerdict.Invalid(tx, List.of(LedgerFailure.validationTagMismatch(false, "")));
        }
        // isValid = false and a script indeed fails: the transaction only forfeits its collateral.
        Map<TxIn, LedgerOutput> produced = new LinkedHashMap<>();
        TransactionOutput collateralReturn = body.getCollateralReturn();
        if (collateralReturn != null) {
            produced.put(new TxIn(tx.txId(), outputs.size()), LedgerOutput.fromCbor(serialize(collateralReturn)));
        }
        return new TxVerdict.Valid(tx, List.copyOf(collateral.keySet()), produced);
    }

    private static String overBudget(List<RedeemerBudget> budgets, List<Redeemer> redeemers) {
        for (RedeemerBudget budget : budgets) {
            for (Redeemer redeemer : redeemers) {
                if (redeemer.getTag() == budget.tag() && redeemer.getIndex().intValue() == budget.index()
                        && (budget.memory() > redeemer.getExUnits().getMem().longValue()
                        || budget.steps() > redeemer.getExUnits().getSteps().longValue())) {
                    return "the script for " + budget.tag() + "#" + budget.index() + " needs " + budget.memory()
                            + " memory and " + budget.steps() + " steps, more than its redeemer's budget of "
                            + redeemer.getExUnits().getMem() + " and " + redeemer.getExUnits().getSteps();
                }
            }
        }
        return null;
    }

    private static TxVerdict.Valid valid(DecodedTx tx, List<LedgerOutput> outputs) {
        Map<TxIn, LedgerOutput> produced = new LinkedHashMap<>();
        for (int i = 0; i < outputs.size(); i++) {
            produced.put(new TxIn(tx.txId(), i), outputs.get(i));
        }
        return new TxVerdict.Valid(tx, tx.inputs(), produced);
    }

    private ScriptEvaluator evaluatorFor(Map<String, PlutusScript> referenceScripts) {
        Map<String, PlutusScript> extra = new HashMap<>(referenceScripts);
        extra.keySet().removeAll(fabricScriptHashes);
        if (extra.isEmpty()) {
            return rules.evaluator();
        }
        // The evaluator knows reference scripts only by hash; scripts beyond Fabric's need their own instance.
        return evaluatorsWithExtraScripts.computeIfAbsent(Set.copyOf(extra.keySet()), hashes -> new ScriptEvaluator(
                rules.parameters(), rules.timing(), extra, rules.parameters().plutusV3CostModels()));
    }

    private static Map<TxIn, LedgerOutput> resolve(List<TxIn> ins, UtxoLookup utxo, Set<TxIn> missing) {
        Map<TxIn, LedgerOutput> resolved = new LinkedHashMap<>();
        for (TxIn in : ins) {
            LedgerOutput out = utxo.find(in);
            if (out == null) {
                missing.add(in);
            } else {
                resolved.put(in, out);
            }
        }
        return resolved;
    }

    private static List<LedgerOutput> outputs(DecodedTx tx) {
        List<TransactionOutput> decoded = tx.transaction().getBody().getOutputs();
        List<LedgerOutput> outputs = new ArrayList<>(decoded.size());
        for (int i = 0; i < decoded.size(); i++) {
            outputs.add(LedgerOutput.of(tx.outputBytes().get(i), decoded.get(i)));
        }
        return outputs;
    }

    private void checkOutputs(List<LedgerOutput> outputs, TransactionOutput collateralReturn, List<LedgerFailure> failures) {
        List<LedgerOutput> all = new ArrayList<>(outputs);
        if (collateralReturn != null) {
            all.add(LedgerOutput.fromCbor(serialize(collateralReturn)));
        }
        BigInteger coinsPerByte = BigInteger.valueOf(rules.parameters().utxoCostPerByte());
        List<String> tooSmall = new ArrayList<>();
        List<String> tooBig = new ArrayList<>();
        for (LedgerOutput out : all) {
            BigInteger minAda = BigInteger.valueOf(OUTPUT_OVERHEAD_BYTES + out.cbor().length).multiply(coinsPerByte);
            BigInteger coin = out.output().getValue().getCoin();
            if (coin == null || coin.compareTo(minAda) < 0) {
                tooSmall.add("(" + out.address() + ", Coin " + coin + ", needs Coin " + minAda + ")");
            }
            if (out.valueSize() > rules.maxValueSize()) {
                tooBig.add("(" + out.address() + ", value of " + out.valueSize() + " bytes)");
            }
        }
        if (!tooSmall.isEmpty()) {
            failures.add(LedgerFailure.outputTooSmall(tooSmall));
        }
        if (!tooBig.isEmpty()) {
            failures.add(LedgerFailure.outputTooBig(tooBig));
        }
    }

    private static Set<String> requiredSigners(TransactionBody body, Map<TxIn, LedgerOutput> spent,
                                               Map<TxIn, LedgerOutput> collateral, List<Withdrawal> withdrawals) {
        Set<String> required = new TreeSet<>();
        for (LedgerOutput out : spent.values()) {
            if (out.hasPaymentCredential() && !out.isScriptLocked()) {
                required.add(out.paymentCredentialHash());
            }
        }
        for (LedgerOutput out : collateral.values()) {
            if (out.hasPaymentCredential() && !out.isScriptLocked()) {
                required.add(out.paymentCredentialHash());
            }
        }
        if (body.getRequiredSigners() != null) {
            body.getRequiredSigners().forEach(hash -> required.add(HEX.formatHex(hash)));
        }
        for (Withdrawal withdrawal : withdrawals) {
            byte[] account = rewardAccount(withdrawal);
            if (((account[0] >>> 4) & 1) == 0) {
                required.add(HEX.formatHex(account, 1, 29));
            }
        }
        return required;
    }

    private static Map<String, AvailableScript> availableScripts(DecodedTx tx, Map<TxIn, LedgerOutput> spent,
                                                                 Map<TxIn, LedgerOutput> referenced) {
        Map<String, AvailableScript> scripts = new HashMap<>();
        TransactionWitnessSet witnesses = tx.transaction().getWitnessSet();
        if (witnesses != null) {
            addWitnessScripts(scripts, witnesses.getNativeScripts(), Scripts.NATIVE);
            addWitnessScripts(scripts, witnesses.getPlutusV1Scripts(), Scripts.PLUTUS_V1);
            addWitnessScripts(scripts, witnesses.getPlutusV2Scripts(), Scripts.PLUTUS_V2);
            addWitnessScripts(scripts, witnesses.getPlutusV3Scripts(), Scripts.PLUTUS_V3);
        }
        List<LedgerOutput> carriers = new ArrayList<>(spent.values());
        carriers.addAll(referenced.values());
        for (LedgerOutput out : carriers) {
            LedgerOutput.ScriptRef ref = out.scriptRef();
            if (ref != null) {
                scripts.putIfAbsent(ref.scriptHash(), referenceScript(ref));
            }
        }
        return scripts;
    }

    private static void addWitnessScripts(Map<String, AvailableScript> scripts, List<?> witnessScripts, int language) {
        if (witnessScripts == null) {
            return;
        }
        for (Object script : witnessScripts) {
            try {
                com.bloxbean.cardano.client.spec.Script s = (com.bloxbean.cardano.client.spec.Script) script;
                String hash = HEX.formatHex(s.getScriptHash());
                scripts.put(hash, language == Scripts.NATIVE
                        ? new AvailableScript(language, (NativeScript) s, null, false)
                        : new AvailableScript(language, null, (PlutusScript) s, false));
            } catch (Exception e) {
                throw new IllegalArgumentException("a witness script cannot be hashed: " + e.getMessage(), e);
            }
        }
    }

    private static AvailableScript referenceScript(LedgerOutput.ScriptRef ref) {
        String cborHex = HEX.formatHex(ref.scriptItem());
        return switch (ref.language()) {
            case Scripts.NATIVE -> {
                try {
                    Array array = (Array) new CborDecoder(new ByteArrayInputStream(ref.scriptItem())).decode().get(0);
                    yield new AvailableScript(Scripts.NATIVE, NativeScript.deserialize(array), null, true);
                } catch (Exception e) {
                    throw new IllegalArgumentException("a reference native script does not decode: " + e.getMessage(), e);
                }
            }
            case Scripts.PLUTUS_V1 -> new AvailableScript(Scripts.PLUTUS_V1, null,
                    PlutusV1Script.builder().type("PlutusScriptV1").cborHex(cborHex).build(), true);
            case Scripts.PLUTUS_V2 -> new AvailableScript(Scripts.PLUTUS_V2, null,
                    PlutusV2Script.builder().type("PlutusScriptV2").cborHex(cborHex).build(), true);
            default -> new AvailableScript(Scripts.PLUTUS_V3, null,
                    PlutusV3Script.builder().type("PlutusScriptV3").cborHex(cborHex).build(), true);
        };
    }

    /** Every script the transaction runs, with the redeemer pointer the ledger expects for it. */
    private static List<Purpose> scriptPurposes(DecodedTx tx, TransactionBody body, Map<TxIn, LedgerOutput> spent,
                                                List<Withdrawal> withdrawals) {
        List<Purpose> purposes = new ArrayList<>();
        List<TxIn> sortedInputs = new ArrayList<>(new TreeSet<>(tx.inputs()));
        for (int i = 0; i < sortedInputs.size(); i++) {
            LedgerOutput out = spent.get(sortedInputs.get(i));
            if (out != null && out.isScriptLocked()) {
                purposes.add(new Purpose(RedeemerTag.Spend, i, out.paymentCredentialHash(), sortedInputs.get(i)));
            }
        }
        if (body.getMint() != null) {
            List<String> policies = new ArrayList<>(new TreeSet<>(body.getMint().stream().map(MultiAsset::getPolicyId).toList()));
            for (int i = 0; i < policies.size(); i++) {
                purposes.add(new Purpose(RedeemerTag.Mint, i, policies.get(i), null));
            }
        }
        TreeMap<String, byte[]> accounts = new TreeMap<>();
        for (Withdrawal withdrawal : withdrawals) {
            byte[] account = rewardAccount(withdrawal);
            accounts.put(HEX.formatHex(account), account);
        }
        int index = 0;
        for (byte[] account : accounts.values()) {
            if (((account[0] >>> 4) & 1) == 1) {
                purposes.add(new Purpose(RedeemerTag.Reward, index, HEX.formatHex(account, 1, 29), null));
            }
            index++;
        }
        return purposes;
    }

    private static void checkRedeemers(List<Purpose> plutusPurposes, List<Redeemer> redeemers, List<LedgerFailure> failures) {
        Set<String> needed = new LinkedHashSet<>();
        plutusPurposes.forEach(p -> needed.add(p.pointer()));
        Set<String> supplied = new LinkedHashSet<>();
        redeemers.forEach(r -> supplied.add(r.getTag() + "#" + r.getIndex()));
        Set<String> missing = new LinkedHashSet<>(needed);
        missing.removeAll(supplied);
        Set<String> extra = new LinkedHashSet<>(supplied);
        extra.removeAll(needed);
        if (!missing.isEmpty()) {
            failures.add(LedgerFailure.missingRedeemers(missing));
        }
        if (!extra.isEmpty()) {
            failures.add(LedgerFailure.extraRedeemers(extra));
        }
    }

    private static void checkDatums(DecodedTx tx, List<LedgerOutput> outputs, Map<TxIn, LedgerOutput> spent,
                                    Map<TxIn, LedgerOutput> referenced, List<Purpose> plutusPurposes,
                                    Map<String, AvailableScript> scripts, List<LedgerFailure> failures) {
        Set<String> supplied = witnessDatumHashes(tx.datumsBytes());
        Set<String> requiredDatums = new TreeSet<>();
        Set<TxIn> withoutDatum = new TreeSet<>();
        for (Purpose purpose : plutusPurposes) {
            if (purpose.tag() != RedeemerTag.Spend) {
                continue;
            }
            LedgerOutput out = spent.get(purpose.spending());
            if (out.inlineDatumBytes() != null) {
                continue;
            }
            if (out.datumHash() != null) {
                requiredDatums.add(HEX.formatHex(out.datumHash()));
            } else if (scripts.get(purpose.scriptHash()).language() < Scripts.PLUTUS_V3) {
                withoutDatum.add(purpose.spending());
            }
        }
        Set<String> missing = new TreeSet<>(requiredDatums);
        missing.removeAll(supplied);
        if (!missing.isEmpty()) {
            failures.add(LedgerFailure.missingDatums(missing));
        }
        if (!withoutDatum.isEmpty()) {
            failures.add(LedgerFailure.unspendableWithoutDatum(withoutDatum));
        }
        Set<String> allowed = new TreeSet<>(requiredDatums);
        outputs.forEach(out -> addDatumHash(allowed, out));
        referenced.values().forEach(out -> addDatumHash(allowed, out));
        spent.values().forEach(out -> addDatumHash(allowed, out));
        Set<String> notAllowed = new TreeSet<>(supplied);
        notAllowed.removeAll(allowed);
        if (!notAllowed.isEmpty()) {
            failures.add(LedgerFailure.notAllowedSupplementalDatums(notAllowed));
        }
    }

    private static void addDatumHash(Set<String> hashes, LedgerOutput out) {
        if (out.datumHash() != null && out.inlineDatumBytes() == null) {
            hashes.add(HEX.formatHex(out.datumHash()));
        }
    }

    /** Datum hashes of the witness set's datums, each over its bytes as sent. */
    private static Set<String> witnessDatumHashes(byte[] datums) {
        Set<String> hashes = new TreeSet<>();
        if (datums == null) {
            return hashes;
        }
        int at = 0;
        CborSpans.Head head = CborSpans.head(datums, at);
        if (head.majorType() == CborSpans.TAG) {
            at = head.contentStart();
            head = CborSpans.head(datums, at);
        }
        at = head.contentStart();
        if (head.indefinite()) {
            while (!CborSpans.isBreak(datums, at)) {
                int next = CborSpans.end(datums, at);
                hashes.add(HEX.formatHex(Blake2bUtil.blake2bHash256(Arrays.copyOfRange(datums, at, next))));
                at = next;
            }
        } else {
            for (long i = 0; i < head.argument(); i++) {
                int next = CborSpans.end(datums, at);
                hashes.add(HEX.formatHex(Blake2bUtil.blake2bHash256(Arrays.copyOfRange(datums, at, next))));
                at = next;
            }
        }
        return hashes;
    }

    private void checkCollateral(DecodedTx tx, TransactionBody body, Map<TxIn, LedgerOutput> collateral,
                                 BigInteger fee, List<LedgerFailure> failures) {
        if (tx.collateral().isEmpty()) {
            failures.add(LedgerFailure.noCollateralInputs());
            return;
        }
        int maxInputs = rules.parameters().maxCollateralInputs();
        if (tx.collateral().size() > maxInputs) {
            failures.add(LedgerFailure.tooManyCollateralInputs(tx.collateral().size(), maxInputs));
        }
        Set<TxIn> scriptLocked = new TreeSet<>();
        ValueSum balance = new ValueSum();
        collateral.forEach((in, out) -> {
            if (!out.hasPaymentCredential() || out.isScriptLocked()) {
                scriptLocked.add(in);
            }
            balance.add(out.output().getValue());
        });
        if (!scriptLocked.isEmpty()) {
            failures.add(LedgerFailure.collateralNotVKeyLocked(scriptLocked));
        }
        TransactionOutput collateralReturn = body.getCollateralReturn();
        if (collateralReturn != null) {
            com.bloxbean.cardano.client.transaction.spec.Value returned = collateralReturn.getValue();
            balance.addCoin(returned.getCoin() == null ? null : returned.getCoin().negate());
            if (returned.getMultiAssets() != null) {
                balance.addAssets(returned.getMultiAssets().stream().map(MultiAsset::negate).toList());
            }
        }
        if (balance.hasAssets()) {
            failures.add(LedgerFailure.collateralContainsNonAda());
        }
        BigInteger required = fee.multiply(BigInteger.valueOf(rules.parameters().collateralPercentage()))
                .add(BigInteger.valueOf(99)).divide(BigInteger.valueOf(100));
        if (balance.coin().compareTo(required) < 0) {
            failures.add(LedgerFailure.insufficientCollateral(balance.coin(), required));
        }
        if (body.getTotalCollateral() != null && body.getTotalCollateral().compareTo(balance.coin()) != 0) {
            failures.add(LedgerFailure.incorrectTotalCollateral(balance.coin(), body.getTotalCollateral()));
        }
    }

    private static List<Redeemer> redeemers(DecodedTx tx) {
        TransactionWitnessSet witnesses = tx.transaction().getWitnessSet();
        return witnesses == null || witnesses.getRedeemers() == null ? List.of() : witnesses.getRedeemers();
    }

    private static byte[] rewardAccount(Withdrawal withdrawal) {
        try {
            return AddressUtil.addressToBytes(withdrawal.getRewardAddress());
        } catch (Exception e) {
            throw new IllegalArgumentException("withdrawal from an unreadable reward address " + withdrawal.getRewardAddress(), e);
        }
    }

    private static byte[] serialize(TransactionOutput output) {
        try {
            return com.bloxbean.cardano.client.common.cbor.CborSerializationUtil.serialize(output.serialize());
        } catch (Exception e) {
            throw new IllegalArgumentException("the collateral return output cannot be encoded: " + e.getMessage(), e);
        }
    }

    static Utxo toEvaluatorUtxo(TxIn in, LedgerOutput out) {
        return out.toCclUtxo(in);
    }
}
