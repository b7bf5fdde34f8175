package dev.fabric.ingest;

import com.bloxbean.cardano.client.api.model.Amount;
import com.bloxbean.cardano.client.api.model.Utxo;
import com.bloxbean.cardano.client.common.model.Network;
import com.bloxbean.cardano.client.common.model.Networks;
import com.bloxbean.cardano.client.crypto.Blake2bUtil;
import com.bloxbean.cardano.client.crypto.SecretKey;
import com.bloxbean.cardano.client.exception.CborDeserializationException;
import com.bloxbean.cardano.client.exception.CborSerializationException;
import com.bloxbean.cardano.client.plutus.spec.BytesPlutusData;
import com.bloxbean.cardano.client.plutus.spec.PlutusData;
import com.bloxbean.cardano.client.transaction.spec.Transaction;
import com.bloxbean.cardano.client.transaction.spec.TransactionOutput;
import com.bloxbean.cardano.client.transaction.spec.Value;
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
import dev.fabric.plutus.tx.TransactionDraft;
import dev.fabric.plutus.workload.WorkloadSpec;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Real Fabric transactions for tests and the benchmark, built and signed with the plutus builders
 * (scripts evaluated in the JVM), and the UTxOs they create, the way the head's UTxO set lists them.
 */
public final class MarketFixtures {

    public static final long ZERO_TIME_MS = 1_767_225_600_000L;
    public static final long ADA = 1_000_000L;
    public static final Network NETWORK = Networks.testnet();
    public static final int NETWORK_ID = 0;
    public static final ProtocolParameters PARAMS = ProtocolParameters.l2Default();
    public static final SlotTiming TIMING = SlotTiming.devnet(ZERO_TIME_MS);
    public static final ScriptEvaluator EVALUATOR = new ScriptEvaluator(PARAMS, TIMING);
    public static final FabricTransactions TXS = new FabricTransactions(PARAMS, TIMING, NETWORK);

    public static final SigningKey APP = key("ingest-app");
    public static final SigningKey OPERATOR = key("ingest-operator");
    public static final SigningKey OTHER_OPERATOR = key("ingest-other-operator");
    public static final SigningKey ARBITER = key("ingest-arbiter");
    public static final SigningKey STRANGER = key("ingest-stranger");

    public static final WorkloadSpec WORKLOAD = new WorkloadSpec(WorkloadSpec.Kind.Deployment,
            "registry.local/fabric/echo:1.0", List.of("--port", "8080"), Map.of("MODE", "demo"), List.of(8080));

    private MarketFixtures() {
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

    public static BidDatum raceBid() {
        return bid(new Mode.Race());
    }

    public static BidDatum auctionBid() {
        return bid(new Mode.Auction(60_000));
    }

    public static BidDatum bid(Mode mode) {
        Request request = new Request(2000, 4096, 20, 0, 3600, Optional.of("eu-west"), WORKLOAD.workloadHash());
        return new BidDatum(APP.keyHash(), request, 10 * ADA, 50 * ADA, mode, at(600), Optional.of(ARBITER.keyHash()), List.of());
    }

    public static OfferDatum offer(OutRef bidRef, SigningKey operator, long price) {
        return new OfferDatum(bidRef, operator.keyHash(), price, new Resources(4000, 8192, 50, 0), at(900));
    }

    /** A key-locked ada-only output, named by {@code tag}. */
    public static Utxo funds(SigningKey owner, long lovelace, String tag) {
        String txId = HexUtil.encodeHexString(Blake2bUtil.blake2bHash256(("funds:" + tag).getBytes(StandardCharsets.UTF_8)));
        return new Utxo(txId, 0, owner.address(NETWORK).toBech32(),
                List.of(new Amount("lovelace", BigInteger.valueOf(lovelace))), null, null, null);
    }

    public static Utxo collateral(SigningKey owner) {
        return funds(owner, 5 * ADA, "collateral:" + owner.keyHash());
    }

    public static SignedTransaction openBid(BidDatum bid, String tag) {
        return TXS.openBid(List.of(funds(APP, 100 * ADA, tag)), bid, Optional.of(WORKLOAD), APP).complete(EVALUATOR);
    }

    public static SignedTransaction makeOffer(Utxo bid, SigningKey operator, long price, String tag) {
        return TXS.makeOffer(List.of(funds(operator, 10 * ADA, tag)), offer(ref(bid), operator, price), operator)
                .complete(EVALUATOR);
    }

    public static SignedTransaction raceAccept(Utxo bid, SigningKey operator, long price) {
        return TXS.raceAccept(bid, price, operator, collateral(operator), at(10), at(70)).complete(EVALUATOR);
    }

    public static SignedTransaction award(Utxo bid, Utxo offer) {
        return TXS.award(bid, offer, ARBITER, collateral(ARBITER), at(10), at(70)).complete(EVALUATOR);
    }

    public static SignedTransaction cancel(Utxo bid) {
        return TXS.cancel(bid, APP, collateral(APP)).complete(EVALUATOR);
    }

    public static SignedTransaction withdraw(Utxo offer, SigningKey operator) {
        return TXS.withdrawOffer(offer, operator, collateral(operator)).complete(EVALUATOR);
    }

    /** Pays an offer datum naming {@code claimed} to the Offer script, signed only by {@code signer}. */
    public static SignedTransaction fakeOffer(Utxo bid, SigningKey claimed, SigningKey signer, String tag) {
        OfferDatum datum = offer(ref(bid), claimed, 20 * ADA);
        TransactionOutput out = output(TXS.scripts().offer().addressBech32(NETWORK), 5 * ADA, datum.toPlutusData());
        return TransactionDraft.builder(PARAMS)
                .spend(funds(signer, 5 * ADA, tag))
                .pay(out)
                .signWith(signer)
                .build()
                .complete(EVALUATOR);
    }

    /** Pays to the Bid script with an inline datum that is not a BidDatum. */
    public static SignedTransaction bidWithGarbageDatum(String tag) {
        PlutusData garbage = BytesPlutusData.of("not a bid");
        return TransactionDraft.builder(PARAMS)
                .spend(funds(APP, 20 * ADA, tag))
                .pay(output(TXS.scripts().bid().addressBech32(NETWORK), 20 * ADA, garbage))
                .signWith(APP)
                .build()
                .complete(EVALUATOR);
    }

    public static TransactionOutput output(String address, long lovelace, PlutusData inlineDatum) {
        return TransactionOutput.builder()
                .address(address)
                .value(Value.builder().coin(BigInteger.valueOf(lovelace)).build())
                .inlineDatum(inlineDatum)
                .build();
    }

    /** Output {@code index} of a built transaction, as the head's UTxO set would list it. */
    public static Utxo output(SignedTransaction tx, int index) {
        try {
            Transaction parsed = Transaction.deserialize(tx.cbor());
            TransactionOutput out = parsed.getBody().getOutputs().get(index);
            String scriptRefHash = out.getScriptRef() == null ? null
                    : HexUtil.encodeHexString(com.bloxbean.cardano.client.plutus.spec.PlutusScript
                            .deserializeScriptRef(out.getScriptRef()).getScriptHash());
            return new Utxo(tx.txId(), index, out.getAddress(),
                    List.of(new Amount("lovelace", out.getValue().getCoin())), null,
                    out.getInlineDatum() == null ? null : out.getInlineDatum().serializeToHex(), scriptRefHash);
        } catch (CborDeserializationException | CborSerializationException e) {
            throw new IllegalStateException(e);
        }
    }

    public static OutRef ref(Utxo utxo) {
        return new OutRef(utxo.getTxHash(), utxo.getOutputIndex());
    }

    public static KeyHash keyHash(SigningKey key) {
        return key.keyHash();
    }
}
