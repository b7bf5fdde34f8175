package dev.fabric.devnet.ledger;

import dev.fabric.hydra.api.TxIn;
import java.math.BigInteger;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One broken ledger rule, named as the Conway ledger names its predicate failure and rendered the way
 * hydra-node's {@code TxInvalid.validationError.reason} shows it ({@code show} of the ledger error),
 * so clients that match on e.g. {@code BadInputsUTxO} behave the same against the devnet.
 *
 * @param rule     the ledger's constructor name, e.g. {@code BadInputsUTxO}
 * @param rendered the failure as the ledger's {@code show} prints it
 */
public record LedgerFailure(String rule, String rendered) {

    /** All failures of one transaction, as {@code ApplyTxError (f1 :| [f2, ...])}. */
    public static String render(List<LedgerFailure> failures) {
        if (failures.isEmpty()) {
            throw new IllegalArgumentException("no failures to render");
        }
        String rest = failures.stream().skip(1).map(LedgerFailure::rendered).collect(Collectors.joining(","));
        return "ApplyTxError (" + failures.get(0).rendered() + " :| [" + rest + "])";
    }

    static LedgerFailure utxo(String rule, String detail) {
        return new LedgerFailure(rule, "ConwayUtxowFailure (UtxoFailure (" + rule + (detail.isEmpty() ? "" : " " + detail) + "))");
    }

    static LedgerFailure utxow(String rule, String detail) {
        return new LedgerFailure(rule, "ConwayUtxowFailure (" + rule + (detail.isEmpty() ? "" : " " + detail) + ")");
    }

    static LedgerFailure badInputs(Collection<TxIn> missing) {
        return utxo("BadInputsUTxO", "(NonEmptySet (fromList [" + txIns(missing) + "]))");
    }

    static LedgerFailure inputSetEmpty() {
        return utxo("InputSetEmptyUTxO", "");
    }

    static LedgerFailure maxTxSize(long supplied, long expected) {
        return utxo("MaxTxSizeUTxO", mismatch("RelLTEQ", String.valueOf(supplied), String.valueOf(expected)));
    }

    static LedgerFailure outsideValidity(Long invalidBefore, Long invalidHereafter, long slot) {
        return utxo("OutsideValidityIntervalUTxO", "(ValidityInterval {invalidBefore = " + slotMaybe(invalidBefore)
                + ", invalidHereafter = " + slotMaybe(invalidHereafter) + "}) (SlotNo " + slot + ")");
    }

    static LedgerFailure valueNotConserved(String consumed, String produced) {
        return utxo("ValueNotConservedUTxO", mismatch("RelEQ", consumed, produced));
    }

    static LedgerFailure feeTooSmall(BigInteger supplied, BigInteger expected) {
        return utxo("FeeTooSmallUTxO", mismatch("RelGTEQ", "Coin " + supplied, "Coin " + expected));
    }

    static LedgerFailure outputTooSmall(List<String> outputs) {
        return utxo("BabbageOutputTooSmallUTxO", "[" + String.join(",", outputs) + "]");
    }

    static LedgerFailure outputTooBig(List<String> outputs) {
        return utxo("OutputTooBigUTxO", "[" + String.join(",", outputs) + "]");
    }

    static LedgerFailure invalidWitnesses(List<String> vkeys) {
        return utxow("InvalidWitnessesUTXOW", "[" + vkeys.stream().map(k -> "VKey (VerKeyEd25519DSIGN \"" + k + "\")")
                .collect(Collectors.joining(",")) + "]");
    }

    static LedgerFailure missingVKeyWitnesses(Collection<String> keyHashes) {
        return utxow("MissingVKeyWitnessesUTXOW", "(fromList [" + keyHashes.stream()
                .map(h -> "KeyHash {unKeyHash = \"" + h + "\"}").collect(Collectors.joining(",")) + "])");
    }

    static LedgerFailure missingScripts(Collection<String> scriptHashes) {
        return utxow("MissingScriptWitnessesUTXOW", "(fromList [" + scriptHashes(scriptHashes) + "])");
    }

    static LedgerFailure nativeScriptFails(Collection<String> scriptHashes) {
        return utxow("ScriptWitnessNotValidatingUTXOW", "(fromList [" + scriptHashes(scriptHashes) + "])");
    }

    static LedgerFailure missingRedeemers(Collection<String> purposes) {
        return utxow("MissingRedeemers", "[" + String.join(",", purposes) + "]");
    }

    static LedgerFailure extraRedeemers(Collection<String> pointers) {
        return utxow("ExtraRedeemers", "[" + String.join(",", pointers) + "]");
    }

    static LedgerFailure missingDatums(Collection<String> datumHashes) {
        return utxow("MissingRequiredDatums", "(fromList [" + String.join(",", datumHashes) + "]) (fromList [])");
    }

    static LedgerFailure notAllowedSupplementalDatums(Collection<String> datumHashes) {
        return utxow("NotAllowedSupplementalDatums", "(fromList [" + String.join(",", datumHashes) + "]) (fromList [])");
    }

    static LedgerFailure unspendableWithoutDatum(Collection<TxIn> inputs) {
        return utxow("UnspendableUTxONoDatumHash", "(fromList [" + txIns(inputs) + "])");
    }

    static LedgerFailure scriptIntegrityHashMismatch(String supplied, String expected) {
        return utxow("PPViewHashesDontMatch", mismatch("RelEQ", strictMaybe(supplied), strictMaybe(expected)));
    }

    static LedgerFailure noCollateralInputs() {
        return utxo("NoCollateralInputs", "");
    }

    static LedgerFailure tooManyCollateralInputs(int supplied, int max) {
        return utxo("TooManyCollateralInputs", mismatch("RelLTEQ", String.valueOf(supplied), String.valueOf(max)));
    }

    static LedgerFailure collateralNotVKeyLocked(Collection<TxIn> inputs) {
        return utxo("ScriptsNotPaidUTxO", "(fromList [" + txIns(inputs) + "])");
    }

    static LedgerFailure insufficientCollateral(BigInteger balance, BigInteger required) {
        return utxo("InsufficientCollateral", "(DeltaCoin " + balance + ") (Coin " + required + ")");
    }

    static LedgerFailure collateralContainsNonAda() {
        return utxo("CollateralContainsNonADA", "");
    }

    static LedgerFailure incorrectTotalCollateral(BigInteger balance, BigInteger declared) {
        return utxo("IncorrectTotalCollateralField", "(DeltaCoin " + balance + ") (Coin " + declared + ")");
    }

    static LedgerFailure exUnitsTooBig(long memory, long steps, long maxMemory, long maxSteps) {
        return utxo("ExUnitsTooBigUTxO", mismatch("RelLTEQ", "ExUnits {exUnitsMem' = " + memory + ", exUnitsSteps' = " + steps + "}",
                "ExUnits {exUnitsMem' = " + maxMemory + ", exUnitsSteps' = " + maxSteps + "}"));
    }

    static LedgerFailure withdrawalsNotInRewards(Collection<String> accounts) {
        return new LedgerFailure("WithdrawalsNotInRewardsCERTS",
                "ConwayCertsFailure (WithdrawalsNotInRewardsCERTS (fromList [" + String.join(",", accounts) + "]))");
    }

    static LedgerFailure unsupported(String what) {
        return new LedgerFailure("UnsupportedByDevnet", "UnsupportedByDevnet \"" + what + "\"");
    }

    /** Phase 2: a script failed although the transaction claims {@code isValid = True} (or the reverse). */
    static LedgerFailure validationTagMismatch(boolean claimed, String description) {
        return utxo("UtxosFailure", "(ValidationTagMismatch (IsValid " + (claimed ? "True" : "False") + ") ("
                + (claimed ? "FailedUnexpectedly (PlutusFailure " + quote(description) + " :| [])"
                : "PassedUnexpectedly") + "))");
    }

    private static String txIns(Collection<TxIn> ins) {
        return ins.stream().sorted()
                .map(in -> "TxIn (TxId {unTxId = SafeHash \"" + in.txId() + "\"}) (TxIx {unTxIx = " + in.index() + "})")
                .collect(Collectors.joining(","));
    }

    private static String scriptHashes(Collection<String> hashes) {
        return hashes.stream().sorted().map(h -> "ScriptHash \"" + h + "\"").collect(Collectors.joining(","));
    }

    private static String mismatch(String relation, String supplied, String expected) {
        return "(Mismatch {mismatchSupplied = " + supplied + ", mismatchExpected = " + expected + "} (" + relation + "))";
    }

    private static String slotMaybe(Long slot) {
        return slot == null ? "SNothing" : "SJust (SlotNo " + slot + ")";
    }

    private static String strictMaybe(String hash) {
        return hash == null ? "SNothing" : "SJust (SafeHash \"" + hash + "\")";
    }

    private static String quote(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
