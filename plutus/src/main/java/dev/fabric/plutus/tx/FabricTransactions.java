package dev.fabric.plutus.tx;

import com.bloxbean.cardano.client.api.model.Amount;
import com.bloxbean.cardano.client.api.model.Utxo;
import com.bloxbean.cardano.client.common.model.Network;
import com.bloxbean.cardano.client.plutus.spec.PlutusData;
import com.bloxbean.cardano.client.transaction.spec.TransactionOutput;
import com.bloxbean.cardano.client.transaction.spec.Value;
import dev.fabric.plutus.blueprint.FabricScript;
import dev.fabric.plutus.blueprint.FabricScripts;
import dev.fabric.plutus.blueprint.ValidatorSet;
import dev.fabric.plutus.datum.BidDatum;
import dev.fabric.plutus.datum.BidRedeemer;
import dev.fabric.plutus.datum.KeyHash;
import dev.fabric.plutus.datum.LeaseDatum;
import dev.fabric.plutus.datum.LeaseRedeemer;
import dev.fabric.plutus.datum.OfferDatum;
import dev.fabric.plutus.datum.OfferRedeemer;
import dev.fabric.plutus.datum.OutRef;
import dev.fabric.plutus.eval.SlotTiming;
import dev.fabric.plutus.params.ProtocolParameters;
import dev.fabric.plutus.workload.WorkloadMetadata;
import dev.fabric.plutus.workload.WorkloadSpec;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds every Fabric transaction from explicit UTxOs (taken by the caller from the head's UTxO set).
 * Each method returns a {@link TransactionDraft}; {@code draft.complete(evaluator)} prices the scripts
 * and signs. Nothing here decides business rules: the validators do, and a draft they reject fails
 * in {@code complete} with the validator's reason.
 *
 * <p>Money moves exactly as the validators demand: output 0 is the Lease holding {@code price},
 * output 1 gives the app the rest of the bid (tagged with the bid's out-ref), and on Award output 2
 * gives the operator its offer deposit back.
 * Times are POSIX ms, turned into slots with the head's {@link SlotTiming}.
 */
public final class FabricTransactions {

    private final ProtocolParameters parameters;
    private final SlotTiming timing;
    private final Network network;
    private final ValidatorSet scripts;
    private final Map<String, Utxo> referenceScripts;

    public FabricTransactions(ProtocolParameters parameters, SlotTiming timing, Network network) {
        this(parameters, timing, network, FabricScripts.validators(), Map.of());
    }

    private FabricTransactions(ProtocolParameters parameters, SlotTiming timing, Network network,
                               ValidatorSet scripts, Map<String, Utxo> referenceScripts) {
        this.parameters = parameters;
        this.timing = timing;
        this.network = network;
        this.scripts = scripts;
        this.referenceScripts = Map.copyOf(referenceScripts);
    }

    /**
     * Builders that read the validators from reference-script outputs (script hash -> output holding
     * it, see {@link #publishReferenceScripts}) instead of carrying them: much smaller transactions.
     */
    public FabricTransactions withReferenceScripts(Map<String, Utxo> byScriptHash) {
        return new FabricTransactions(parameters, timing, network, scripts, byScriptHash);
    }

    public ValidatorSet scripts() {
        return scripts;
    }

    // ---------------------------------------------------------------- bid

    /**
     * Lovelace locked in a bid beyond {@code maxPrice}: enough for the bid output itself and for the
     * app's change output after an Accept/Award, so no party ever has to top up.
     */
    public long bidDeposit(BidDatum bid) {
        TransactionOutput bidOutput = output(scripts.bid().addressBech32(network), bid.maxPrice(), bid.toPlutusData());
        long forBid = MinAda.of(bidOutput, parameters.utxoCostPerByte());
        TransactionOutput appRest = output(address(bid.appPkh()), 0, placeholderRef().toPlutusData());
        long forRest = MinAda.of(appRest, parameters.utxoCostPerByte());
        return Math.max(Math.max(forBid - bid.maxPrice(), 0), forRest);
    }

    /** Smallest price a Lease output can hold: minPrice must not be below it. */
    public long leaseMinimum(BidDatum bid) {
        LeaseDatum worst = new LeaseDatum(placeholderRef(), bid.appPkh(), bid.appPkh(), Long.MAX_VALUE,
                Long.MAX_VALUE, bid.request().durationSeconds(), bid.arbiter());
        return MinAda.of(output(scripts.lease().addressBech32(network), 0, worst.toPlutusData()),
                parameters.utxoCostPerByte());
    }

    /**
     * Locks {@code maxPrice + bidDeposit} at the Bid script, change back to the app. With a workload
     * spec, the spec rides in the metadata and must hash to the datum's {@code workloadHash}.
     */
    public TransactionDraft openBid(List<Utxo> funding, BidDatum bid, Optional<WorkloadSpec> workload, SigningKey app) {
        requireKey(app, bid.appPkh(), "the bid's appPkh");
        long leaseMinimum = leaseMinimum(bid);
        if (bid.minPrice() < leaseMinimum) {
            throw new IllegalArgumentException("minPrice " + bid.minPrice() + " is below the " + leaseMinimum
                    + " lovelace a Lease output must hold");
        }
        workload.ifPresent(spec -> {
            if (!spec.workloadHash().equals(bid.request().workloadHash())) {
                throw new IllegalArgumentException("workload spec hashes to " + spec.workloadHash()
                        + " but the request commits to " + bid.request().workloadHash());
            }
        });
        long locked = Math.addExact(bid.maxPrice(), bidDeposit(bid));
        TransactionDraft.Builder tx = TransactionDraft.builder(parameters)
                .pay(output(scripts.bid().addressBech32(network), locked, bid.toPlutusData()));
        fund(tx, funding, locked, app);
        workload.ifPresent(spec -> tx.metadata(WorkloadMetadata.encode(spec)));
        return tx.signWith(app).build();
    }

    /** Race mode: {@code operator} takes the bid at {@code price}; the lease starts at the range's end. */
    public TransactionDraft raceAccept(Utxo bidUtxo, long price, SigningKey operator, Utxo collateral,
                                       long validFromMs, long validUntilMs) {
        BidDatum bid = BidDatum.fromInlineDatumHex(bidUtxo.getInlineDatum());
        TransactionDraft.Builder tx = TransactionDraft.builder(parameters)
                .spendScript(bidUtxo, scripts.bid(), new BidRedeemer.Accept(operator.keyHash(), price).toPlutusData(),
                        "bid.Accept", referenceFor(scripts.bid()))
                .collateral(collateral)
                .signWith(operator);
        long validToSlot = validity(tx, validFromMs, validUntilMs);
        settle(tx, bidUtxo, bid, operator.keyHash(), price, timing.startOf(validToSlot));
        return tx.build();
    }

    /**
     * Auction/reputation mode: awards the bid to {@code offerUtxo}, signed by the arbiter (or the app).
     * The offer's deposit goes back to its operator.
     */
    public TransactionDraft award(Utxo bidUtxo, Utxo offerUtxo, SigningKey awarder, Utxo collateral,
                                  long validFromMs, long validUntilMs) {
        BidDatum bid = BidDatum.fromInlineDatumHex(bidUtxo.getInlineDatum());
        OfferDatum offer = OfferDatum.fromInlineDatumHex(offerUtxo.getInlineDatum());
        TransactionDraft.Builder tx = TransactionDraft.builder(parameters)
                .spendScript(bidUtxo, scripts.bid(), new BidRedeemer.Award(TransactionDraft.refOf(offerUtxo)).toPlutusData(),
                        "bid.Award", referenceFor(scripts.bid()))
                .spendScript(offerUtxo, scripts.offer(), OfferRedeemer.USE.toPlutusData(),
                        "offer.Use", referenceFor(scripts.offer()))
                .collateral(collateral)
                .signWith(awarder);
        long validToSlot = validity(tx, validFromMs, validUntilMs);
        settle(tx, bidUtxo, bid, offer.operatorPkh(), offer.price(), timing.startOf(validToSlot));
        return tx.pay(output(address(offer.operatorPkh()), lovelace(offerUtxo), null)).build();
    }

    /** The app takes its whole escrow back. */
    public TransactionDraft cancel(Utxo bidUtxo, SigningKey app, Utxo collateral) {
        BidDatum bid = BidDatum.fromInlineDatumHex(bidUtxo.getInlineDatum());
        return TransactionDraft.builder(parameters)
                .spendScript(bidUtxo, scripts.bid(), new BidRedeemer.Cancel().toPlutusData(),
                        "bid.Cancel", referenceFor(scripts.bid()))
                .collateral(collateral)
                .signWith(app)
                .pay(output(address(bid.appPkh()), lovelace(bidUtxo), null))
                .build();
    }

    // ---------------------------------------------------------------- offer

    /**
     * Locks the offer's min-ADA deposit at the Offer script. The operator is a required signer, so
     * anyone reading the confirmed transaction can check the offer really is that operator's: the
     * validators cannot, since paying to a script address is unrestricted.
     */
    public TransactionDraft makeOffer(List<Utxo> funding, OfferDatum offer, SigningKey operator) {
        requireKey(operator, offer.operatorPkh(), "the offer's operatorPkh");
        TransactionOutput out = output(scripts.offer().addressBech32(network), 0, offer.toPlutusData());
        long deposit = MinAda.of(out, parameters.utxoCostPerByte());
        TransactionDraft.Builder tx = TransactionDraft.builder(parameters)
                .pay(output(scripts.offer().addressBech32(network), deposit, offer.toPlutusData()));
        fund(tx, funding, deposit, operator);
        return tx.signWith(operator).build();
    }

    /** Minimum deposit an offer output holds. */
    public long offerDeposit(OfferDatum offer) {
        return MinAda.of(output(scripts.offer().addressBech32(network), 0, offer.toPlutusData()),
                parameters.utxoCostPerByte());
    }

    public TransactionDraft withdrawOffer(Utxo offerUtxo, SigningKey operator, Utxo collateral) {
        OfferDatum offer = OfferDatum.fromInlineDatumHex(offerUtxo.getInlineDatum());
        return TransactionDraft.builder(parameters)
                .spendScript(offerUtxo, scripts.offer(), OfferRedeemer.WITHDRAW.toPlutusData(),
                        "offer.Withdraw", referenceFor(scripts.offer()))
                .collateral(collateral)
                .signWith(operator)
                .pay(output(address(offer.operatorPkh()), lovelace(offerUtxo), null))
                .build();
    }

    // ---------------------------------------------------------------- lease

    /**
     * Pays the lease to its operator. Without the arbiter, {@code validFromMs} must be at or after the
     * lease's end; with the arbiter co-signing (proof of delivery) any time will do.
     */
    public TransactionDraft claim(Utxo leaseUtxo, SigningKey operator, Optional<SigningKey> arbiter, Utxo collateral,
                                  long validFromMs) {
        LeaseDatum lease = LeaseDatum.fromInlineDatumHex(leaseUtxo.getInlineDatum());
        TransactionDraft.Builder tx = TransactionDraft.builder(parameters)
                .spendScript(leaseUtxo, scripts.lease(), LeaseRedeemer.CLAIM.toPlutusData(),
                        "lease.Claim", referenceFor(scripts.lease()))
                .collateral(collateral)
                .signWith(operator)
                .validFromSlot(timing.slotAtOrAfter(validFromMs))
                .pay(output(address(lease.operatorPkh()), lovelace(leaseUtxo), null));
        arbiter.ifPresent(tx::signWith);
        return tx.build();
    }

    /**
     * Returns the lease to the app (deployment failed): signed by the arbiter, or by app and operator.
     * The payment carries the lease's out-ref as inline datum, which the validator requires.
     */
    public TransactionDraft refund(Utxo leaseUtxo, List<SigningKey> signers, Utxo collateral) {
        LeaseDatum lease = LeaseDatum.fromInlineDatumHex(leaseUtxo.getInlineDatum());
        TransactionDraft.Builder tx = TransactionDraft.builder(parameters)
                .spendScript(leaseUtxo, scripts.lease(), LeaseRedeemer.REFUND.toPlutusData(),
                        "lease.Refund", referenceFor(scripts.lease()))
                .collateral(collateral)
                .pay(output(address(lease.appPkh()), lovelace(leaseUtxo),
                        TransactionDraft.refOf(leaseUtxo).toPlutusData()));
        signers.forEach(tx::signWith);
        return tx.build();
    }

    // ---------------------------------------------------------------- reference scripts

    /**
     * One output per validator holding it as a reference script, at the payer's address; afterwards
     * {@link #withReferenceScripts} builders point at them. Outputs are in bid, offer, lease order.
     */
    public TransactionDraft publishReferenceScripts(List<Utxo> funding, SigningKey payer) {
        TransactionDraft.Builder tx = TransactionDraft.builder(parameters);
        long total = 0;
        for (FabricScript script : scripts.all()) {
            TransactionOutput holder = output(payer.address(network).toBech32(), 0, null);
            holder.setScriptRef(script.plutusScript());
            long minimum = MinAda.of(holder, parameters.utxoCostPerByte());
            holder.setValue(Value.builder().coin(BigInteger.valueOf(minimum)).build());
            tx.pay(holder);
            total = Math.addExact(total, minimum);
        }
        fund(tx, funding, total, payer);
        return tx.signWith(payer).build();
    }

    // ---------------------------------------------------------------- shared

    /** The Lease datum an Accept/Award valid until {@code validUntilMs} must create. */
    public LeaseDatum leaseFor(OutRef bidRef, BidDatum bid, KeyHash operator, long price, long validUntilMs) {
        return new LeaseDatum(bidRef, bid.appPkh(), operator, price,
                timing.startOf(timing.slotAtOrBefore(validUntilMs)), bid.request().durationSeconds(), bid.arbiter());
    }

    /** Outputs 0 and 1, in the order the Bid validator reads them: the Lease, then the app's rest. */
    private void settle(TransactionDraft.Builder tx, Utxo bidUtxo, BidDatum bid, KeyHash operator, long price,
                        long startMs) {
        OutRef bidRef = TransactionDraft.refOf(bidUtxo);
        LeaseDatum lease = new LeaseDatum(bidRef, bid.appPkh(), operator, price, startMs,
                bid.request().durationSeconds(), bid.arbiter());
        tx.pay(output(scripts.lease().addressBech32(network), price, lease.toPlutusData()));
        tx.pay(output(address(bid.appPkh()), Math.subtractExact(lovelace(bidUtxo), price), bidRef.toPlutusData()));
    }

    private long validity(TransactionDraft.Builder tx, long validFromMs, long validUntilMs) {
        long validToSlot = timing.slotAtOrBefore(validUntilMs);
        tx.validFromSlot(timing.slotAtOrAfter(validFromMs)).validToSlot(validToSlot);
        return validToSlot;
    }

    private void fund(TransactionDraft.Builder tx, List<Utxo> funding, long needed, SigningKey owner) {
        long available = 0;
        for (Utxo utxo : funding) {
            available = Math.addExact(available, lovelace(utxo));
            tx.spend(utxo);
        }
        long change = available - needed;
        if (change < 0) {
            throw new IllegalArgumentException("funding holds " + available + " lovelace, " + needed + " needed");
        }
        if (change > 0) {
            TransactionOutput out = output(owner.address(network).toBech32(), change, null);
            long minimum = MinAda.of(out, parameters.utxoCostPerByte());
            if (change < minimum) {
                throw new IllegalArgumentException("change of " + change + " lovelace is below the output minimum of "
                        + minimum + "; add or remove funding");
            }
            tx.pay(out);
        }
    }

    private Optional<Utxo> referenceFor(FabricScript script) {
        return Optional.ofNullable(referenceScripts.get(script.scriptHash()));
    }

    private String address(KeyHash keyHash) {
        return SigningKey.enterpriseAddress(keyHash, network).toBech32();
    }

    private static void requireKey(SigningKey key, KeyHash expected, String what) {
        if (!key.keyHash().equals(expected)) {
            throw new IllegalArgumentException("signing key " + key.keyHash() + " is not " + what + " " + expected);
        }
    }

    /** Lovelace of an output; Fabric outputs hold ada only, so anything else is refused. */
    static long lovelace(Utxo utxo) {
        long total = 0;
        for (Amount amount : utxo.getAmount()) {
            if (!"lovelace".equals(amount.getUnit())) {
                throw new IllegalArgumentException("output " + utxo.getTxHash() + "#" + utxo.getOutputIndex()
                        + " holds " + amount.getUnit() + "; Fabric builders handle ada-only outputs");
            }
            total = Math.addExact(total, amount.getQuantity().longValueExact());
        }
        return total;
    }

    static TransactionOutput output(String address, long lovelace, PlutusData inlineDatum) {
        return TransactionOutput.builder()
                .address(address)
                .value(Value.builder().coin(BigInteger.valueOf(lovelace)).build())
                .inlineDatum(inlineDatum)
                .build();
    }

    private static OutRef placeholderRef() {
        return new OutRef("f".repeat(64), Integer.MAX_VALUE);
    }
}
