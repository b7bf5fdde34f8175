package dev.fabric.devnet.wallet;

import com.bloxbean.cardano.client.plutus.spec.PlutusData;
import com.bloxbean.cardano.client.transaction.spec.Transaction;
import com.bloxbean.cardano.client.transaction.spec.TransactionBody;
import com.bloxbean.cardano.client.transaction.spec.TransactionInput;
import com.bloxbean.cardano.client.transaction.spec.TransactionOutput;
import com.bloxbean.cardano.client.transaction.spec.TransactionWitnessSet;
import com.bloxbean.cardano.client.transaction.spec.Value;
import com.bloxbean.cardano.client.transaction.spec.VkeyWitness;
import com.bloxbean.cardano.client.plutus.spec.ExUnits;
import com.bloxbean.cardano.client.transaction.spec.Asset;
import com.bloxbean.cardano.client.transaction.spec.MultiAsset;
import com.bloxbean.cardano.client.transaction.spec.script.NativeScript;
import com.bloxbean.cardano.client.plutus.spec.PlutusV3Script;
import com.bloxbean.cardano.client.plutus.spec.Redeemer;
import com.bloxbean.cardano.client.plutus.spec.RedeemerTag;
import dev.fabric.devnet.ledger.DecodedTx;
import dev.fabric.devnet.ledger.ScriptDataHash;
import dev.fabric.devnet.ledger.Scripts;
import dev.fabric.devnet.ledger.TxDecoder;
import dev.fabric.plutus.params.ProtocolParameters;
import java.util.Set;
import java.util.TreeSet;
import dev.fabric.hydra.api.TxIn;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A zero-fee transaction for a head, assembled with cardano-client-lib and signed with
 * {@link DevnetKey}s: payments, funding splits, conflicting spends for tests. Plutus spends are built
 * with the plutus module's builders instead.
 */
public final class TxDraft {

    private final List<TransactionInput> inputs = new ArrayList<>();
    private final List<TransactionOutput> outputs = new ArrayList<>();
    private final List<byte[]> requiredSigners = new ArrayList<>();
    private final List<TransactionInput> collateral = new ArrayList<>();
    private final List<NativeScript> nativeScripts = new ArrayList<>();
    private final List<MultiAsset> mint = new ArrayList<>();
    private final List<ScriptSpend> scriptSpends = new ArrayList<>();
    private ProtocolParameters parameters;
    private BigInteger fee = BigInteger.ZERO;
    private Long validFrom;
    private Long validTo;

    public TxDraft spend(TxIn in) {
        inputs.add(new TransactionInput(in.txId(), Math.toIntExact(in.index())));
        return this;
    }

    public TxDraft pay(String address, long lovelace) {
        outputs.add(new TransactionOutput(address, Value.fromCoin(BigInteger.valueOf(lovelace))));
        return this;
    }

    public TxDraft pay(String address, long lovelace, PlutusData inlineDatum) {
        outputs.add(TransactionOutput.builder().address(address).value(Value.fromCoin(BigInteger.valueOf(lovelace)))
                .inlineDatum(inlineDatum).build());
        return this;
    }

    /** A Plutus V3 script spend; the redeemer's index is worked out from the sorted inputs when signing. */
    private record ScriptSpend(TxIn in, PlutusV3Script script, PlutusData redeemer, ExUnits budget) {
    }

    /** Spends a script-locked output with {@code redeemer}, the script carried in the witness set. */
    public TxDraft spendScript(TxIn in, PlutusV3Script script, PlutusData redeemer, long memory, long steps) {
        spend(in);
        scriptSpends.add(new ScriptSpend(in, script, redeemer,
                new ExUnits(BigInteger.valueOf(memory), BigInteger.valueOf(steps))));
        return this;
    }

    /** Spends an output locked by a native (timelock/multisig) script, carried in the witness set. */
    public TxDraft spendNative(TxIn in, NativeScript script) {
        spend(in);
        if (!nativeScripts.contains(script)) {
            nativeScripts.add(script);
        }
        return this;
    }

    /**
     * Mints (or, negative, burns) {@code quantity} of an asset under a native-script policy and pays the
     * minted tokens with {@code lovelace} to {@code address}.
     */
    public TxDraft mint(NativeScript policy, String assetNameHex, long quantity, String address, long lovelace) {
        String policyId;
        try {
            policyId = policy.getPolicyId();
        } catch (Exception e) {
            throw new IllegalArgumentException("the policy script cannot be hashed", e);
        }
        Asset asset = new Asset("0x" + assetNameHex, BigInteger.valueOf(quantity));
        mint.add(new MultiAsset(policyId, new ArrayList<>(List.of(asset))));
        if (!nativeScripts.contains(policy)) {
            nativeScripts.add(policy);
        }
        if (quantity > 0) {
            Value value = new Value(BigInteger.valueOf(lovelace),
                    new ArrayList<>(List.of(new MultiAsset(policyId, new ArrayList<>(List.of(new Asset("0x" + assetNameHex, BigInteger.valueOf(quantity))))))));
            outputs.add(new TransactionOutput(address, value));
        }
        return this;
    }

    /** A collateral input (the ledger demands one whenever a Plutus script runs, even at zero fees). */
    public TxDraft collateral(TxIn in) {
        collateral.add(new TransactionInput(in.txId(), Math.toIntExact(in.index())));
        return this;
    }

    /** Cost models for the script integrity hash; the L2 defaults when not set. */
    public TxDraft parameters(ProtocolParameters parameters) {
        this.parameters = parameters;
        return this;
    }

    public TxDraft fee(long lovelace) {
        fee = BigInteger.valueOf(lovelace);
        return this;
    }

    /** Valid from this slot on (inclusive). */
    public TxDraft validFrom(long slot) {
        validFrom = slot;
        return this;
    }

    /** Valid before this slot (the TTL, exclusive). */
    public TxDraft validTo(long slot) {
        validTo = slot;
        return this;
    }

    public TxDraft requireSigner(DevnetKey key) {
        requiredSigners.add(HexFormat.of().parseHex(key.keyHash()));
        return this;
    }

    /** Serialises the body, signs its hash with every key, and serialises the witnessed transaction. */
    public SignedTx sign(DevnetKey... keys) {
        TransactionBody body = TransactionBody.builder()
                .inputs(new ArrayList<>(inputs))
                .outputs(new ArrayList<>(outputs))
                .fee(fee)
                .build();
        if (validTo != null) {
            body.setTtl(validTo);
        }
        if (validFrom != null) {
            body.setValidityStartInterval(validFrom);
        }
        if (!requiredSigners.isEmpty()) {
            body.setRequiredSigners(new ArrayList<>(requiredSigners));
        }
        // The id is taken from the body bytes inside the serialised transaction: what the ledger hashes.
        if (!mint.isEmpty()) {
            body.setMint(new ArrayList<>(mint));
        }
        TransactionWitnessSet witnessSet = new TransactionWitnessSet();
        if (!nativeScripts.isEmpty()) {
            witnessSet.setNativeScripts(new ArrayList<>(nativeScripts));
        }
        if (!scriptSpends.isEmpty()) {
            addScripts(body, witnessSet);
        }
        byte[] txId = HexFormat.of().parseHex(idOf(Transaction.builder().body(body)
                .witnessSet(witnessSet).isValid(true).build()));
        List<VkeyWitness> witnesses = new ArrayList<>();
        for (DevnetKey key : keys) {
            witnesses.add(new VkeyWitness(key.vkey(), key.sign(txId)));
        }
        if (!witnesses.isEmpty()) {
            witnessSet.setVkeyWitnesses(witnesses);
        }
        Transaction tx = Transaction.builder().body(body).witnessSet(witnessSet).isValid(true).build();
        String signedId = idOf(tx);
        if (!signedId.equals(HexFormat.of().formatHex(txId))) {
            throw new IllegalStateException("the body serialised differently once witnessed");
        }
        try {
            return new SignedTx(tx.serialize(), signedId);
        } catch (Exception e) {
            throw new IllegalStateException("cannot serialise the transaction", e);
        }
    }

    /**
     * Adds scripts, redeemers and collateral, then the script integrity hash over the redeemers as
     * they serialise (read back from the bytes, the way the ledger reads them).
     */
    private void addScripts(TransactionBody body, TransactionWitnessSet witnessSet) {
        List<TxIn> sorted = new ArrayList<>(new TreeSet<>(inputs.stream()
                .map(i -> new TxIn(i.getTransactionId(), i.getIndex())).toList()));
        List<Redeemer> redeemers = new ArrayList<>();
        List<PlutusV3Script> scripts = new ArrayList<>();
        for (ScriptSpend spend : scriptSpends) {
            redeemers.add(new Redeemer(RedeemerTag.Spend, BigInteger.valueOf(sorted.indexOf(spend.in())),
                    spend.redeemer(), spend.budget()));
            if (!scripts.contains(spend.script())) {
                scripts.add(spend.script());
            }
        }
        witnessSet.setRedeemers(redeemers);
        witnessSet.setPlutusV3Scripts(scripts);
        body.setCollateral(new ArrayList<>(collateral));
        body.setScriptDataHash(new byte[32]);
        try {
            DecodedTx draft = TxDecoder.decode(Transaction.builder().body(body).witnessSet(witnessSet).isValid(true)
                    .build().serialize());
            ProtocolParameters params = parameters == null ? ProtocolParameters.l2Default() : parameters;
            String hash = ScriptDataHash.expected(draft.redeemersBytes(), draft.datumsBytes(),
                    new TreeSet<>(Set.of(Scripts.PLUTUS_V3)), params);
            body.setScriptDataHash(HexFormat.of().parseHex(hash));
        } catch (Exception e) {
            throw new IllegalStateException("cannot compute the script integrity hash", e);
        }
    }

    private static String idOf(Transaction tx) {
        try {
            return TxDecoder.decode(tx.serialize()).txId();
        } catch (Exception e) {
            throw new IllegalStateException("cannot serialise the transaction", e);
        }
    }
}
