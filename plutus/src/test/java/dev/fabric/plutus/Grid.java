package dev.fabric.plutus;

import com.bloxbean.cardano.client.api.model.Amount;
import com.bloxbean.cardano.client.api.model.Utxo;
import com.bloxbean.cardano.client.common.model.Network;
import com.bloxbean.cardano.client.common.model.Networks;
import com.bloxbean.cardano.client.crypto.Blake2bUtil;
import com.bloxbean.cardano.client.crypto.SecretKey;
import com.bloxbean.cardano.client.exception.CborDeserializationException;
import com.bloxbean.cardano.client.exception.CborSerializationException;
import com.bloxbean.cardano.client.plutus.spec.PlutusScript;
import com.bloxbean.cardano.client.transaction.spec.Transaction;
import com.bloxbean.cardano.client.transaction.spec.TransactionOutput;
import com.bloxbean.cardano.client.util.HexUtil;
import dev.fabric.plutus.datum.BidDatum;
import dev.fabric.plutus.datum.KeyHash;
import dev.fabric.plutus.datum.Mode;
import dev.fabric.plutus.datum.OfferDatum;
import dev.fabric.plutus.datum.OutRef;
import dev.fabric.plutus.datum.Request;
import dev.fabric.plutus.datum.Resources;
import dev.fabric.plutus.eval.ScriptEvaluator;
import dev.fabric.plutus.eval.SlotTiming;
import dev.fabric.plutus.params.ProtocolParameters;
import dev.fabric.plutus.tx.FabricTransactions;
import dev.fabric.plutus.tx.SignedTransaction;
import dev.fabric.plutus.tx.SigningKey;
import dev.fabric.plutus.workload.WorkloadSpec;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A small grid for tests: fixed keys for app, operators and arbiter, the L2 parameters, devnet slot
 * timing (1 s slots, slot 0 at {@link #ZERO_TIME_MS}) and helpers that turn built transactions into
 * the UTxOs the next transaction spends, the way the head's UTxO set would.
 */
public final class Grid {

    /** Slot 0 of the test head; tests read times as offsets from it. */
    public static final long ZERO_TIME_MS = 1_767_225_600_000L;
    public static final long ADA = 1_000_000L;

    public static final Network NETWORK = Networks.testnet();
    public static final ProtocolParameters PARAMS = ProtocolParameters.l2Default();
    public static final SlotTiming TIMING = SlotTiming.devnet(ZERO_TIME_MS);
    public static final ScriptEvaluator EVALUATOR = new ScriptEvaluator(PARAMS, TIMING);
    public static final FabricTransactions TXS = new FabricTransactions(PARAMS, TIMING, NETWORK);

    public static final SigningKey APP = key("app");
    public static final SigningKey OPERATOR = key("operator");
    public static final SigningKey OTHER_OPERATOR = key("other-operator");
    public static final SigningKey ARBITER = key("arbiter");
    public static final SigningKey STRANGER = key("stranger");

    public static final WorkloadSpec WORKLOAD = new WorkloadSpec(WorkloadSpec.Kind.Deployment,
            "registry.local/fabric/echo:1.0", List.of("--port", "8080"), Map.of("MODE", "demo"), List.of(8080));

    private Grid() {
    }

    public static SigningKey key(String name) {
        try {
            return SigningKey.of(SecretKey.create(Blake2bUtil.blake2bHash256(name.getBytes(StandardCharsets.UTF_8))));
        } catch (CborSerializationException e) {
            throw new IllegalStateException(e);
        }
    }

    public static long at(long secondsAfterZero) {
        return ZERO_TIME_MS + secondsAfterZero * 1000;
    }

    public static Request request() {
        return new Request(2000, 4096, 20, 0, 3600, Optional.of("eu-west"), WORKLOAD.workloadHash());
    }

    public static BidDatum bid(Mode mode, Optional<KeyHash> arbiter, List<KeyHash> allowed) {
        return new BidDatum(APP.keyHash(), request(), 10 * ADA, 50 * ADA, mode, at(600), arbiter, allowed);
    }

    public static BidDatum raceBid() {
        return bid(new Mode.Race(), Optional.of(ARBITER.keyHash()), List.of());
    }

    public static BidDatum auctionBid() {
        return bid(new Mode.Auction(60_000), Optional.of(ARBITER.keyHash()), List.of());
    }

    public static OfferDatum offer(OutRef bidRef, SigningKey operator, long price) {
        return new OfferDatum(bidRef, operator.keyHash(), price, new Resources(4000, 8192, 50, 0), at(900));
    }

    /** A key-locked ada-only output that exists only in the test's imagination. */
    public static Utxo funds(SigningKey owner, long lovelace, String tag) {
        String txId = HexUtil.encodeHexString(Blake2bUtil.blake2bHash256(("funds:" + tag).getBytes(StandardCharsets.UTF_8)));
        return new Utxo(txId, 0, owner.address(NETWORK).toBech32(),
                List.of(new Amount("lovelace", BigInteger.valueOf(lovelace))), null, null, null);
    }

    public static Utxo collateral(SigningKey owner) {
        return funds(owner, 5 * ADA, "collateral:" + owner.keyHash());
    }

    /** Output {@code index} of a built transaction, as the head's UTxO set would list it. */
    public static Utxo output(SignedTransaction tx, int index) {
        try {
            Transaction parsed = Transaction.deserialize(tx.cbor());
            TransactionOutput out = parsed.getBody().getOutputs().get(index);
            String scriptRefHash = null;
            if (out.getScriptRef() != null) {
                scriptRefHash = HexUtil.encodeHexString(PlutusScript.deserializeScriptRef(out.getScriptRef()).getScriptHash());
            }
            return new Utxo(tx.txId(), index, out.getAddress(),
                    List.of(new Amount("lovelace", out.getValue().getCoin())),
                    null,
                    out.getInlineDatum() == null ? null : out.getInlineDatum().serializeToHex(),
                    scriptRefHash);
        } catch (CborDeserializationException | CborSerializationException e) {
            throw new IllegalStateException(e);
        }
    }

    public static OutRef ref(Utxo utxo) {
        return new OutRef(utxo.getTxHash(), utxo.getOutputIndex());
    }
}
