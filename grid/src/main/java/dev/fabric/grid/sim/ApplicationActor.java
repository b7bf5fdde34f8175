package dev.fabric.grid.sim;

import dev.fabric.hydra.api.SubmitTxResult;
import dev.fabric.hydra.api.Transaction;
import dev.fabric.hydra.api.TxIn;
import dev.fabric.hydra.api.TxOut;
import dev.fabric.hydra.api.Utxo;
import dev.fabric.hydra.client.HydraHttpClient;
import dev.fabric.plutus.blueprint.FabricScripts;
import dev.fabric.plutus.datum.BidDatum;
import dev.fabric.plutus.eval.ScriptEvaluator;
import dev.fabric.plutus.head.HeadUtxos;
import dev.fabric.plutus.tx.FabricTransactions;
import dev.fabric.plutus.tx.SignedTransaction;
import dev.fabric.plutus.tx.SigningKey;
import com.bloxbean.cardano.client.common.model.Network;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * A simulated application: posts bids from its own funds on the head, and takes back the escrow of
 * bids that reached their deadline unawarded (the head still holds them: nobody spent them).
 * Inputs it has just spent are kept out of coin selection until the head's UTxO set no longer
 * shows them, so back-to-back bids never race each other for the same coin.
 */
public final class ApplicationActor {

    private static final Logger LOG = Logger.getLogger(ApplicationActor.class);
    /** Bids whose deadline passed this long ago are cancelled if still unspent. */
    private static final Duration RECLAIM_AFTER = Duration.ofSeconds(20);

    /** What one step of the actor did. */
    public record Outcome(Optional<String> postedBidRef, int cancelled, String note) {
    }

    private final String name;
    private final SigningKey key;
    private final String address;
    private final BidMix mix;
    private final FabricTransactions transactions;
    private final ScriptEvaluator evaluator;
    private final HydraHttpClient head;
    private final Clock clock;
    private final Map<TxIn, Instant> spentInFlight = new HashMap<>();
    private final Set<String> myBids = new HashSet<>();
    private final String bidAddress;

    public ApplicationActor(String name, SigningKey key, Network network, BidMix mix, FabricTransactions transactions,
                            ScriptEvaluator evaluator, HydraHttpClient head, Clock clock) {
        this.name = name;
        this.key = key;
        this.address = key.address(network).toBech32();
        this.mix = mix;
        this.transactions = transactions;
        this.evaluator = evaluator;
        this.head = head;
        this.clock = clock;
        this.bidAddress = FabricScripts.bid().addressBech32(network);
    }

    public String name() {
        return name;
    }

    public String address() {
        return address;
    }

    /** Cancels its own expired bids only (the market stopped bidding, but escrow is still reclaimed). */
    public Outcome reclaim() {
        Utxo utxo = head.snapshotUtxo().orElse(Utxo.EMPTY);
        spentInFlight.keySet().removeIf(in -> utxo.get(in).isEmpty());
        int cancelled = reclaimExpired(utxo);
        return new Outcome(Optional.empty(), cancelled, "reclaimed " + cancelled);
    }

    /** Posts one bid (if funds allow) and cancels its own expired bids. */
    public Outcome step() {
        Utxo utxo = head.snapshotUtxo().orElse(Utxo.EMPTY);
        spentInFlight.keySet().removeIf(in -> utxo.get(in).isEmpty());
        int cancelled = reclaimExpired(utxo);
        Instant now = clock.instant();
        BidMix.Draft draft = mix.next(key.keyHash(), now);
        List<com.bloxbean.cardano.client.api.model.Utxo> funding = select(utxo, draft.datum().maxPrice() + 10_000_000L);
        if (funding.isEmpty()) {
            return new Outcome(Optional.empty(), cancelled, "no free funds");
        }
        SignedTransaction tx = transactions.openBid(funding, draft.datum(), Optional.of(draft.workload()), key).complete(evaluator);
        if (!submit(tx, funding)) {
            return new Outcome(Optional.empty(), cancelled, "head refused the bid");
        }
        String bidRef = tx.txId() + "#0";
        myBids.add(bidRef);
        return new Outcome(Optional.of(bidRef), cancelled, draft.kind() + " bid " + bidRef);
    }

    private int reclaimExpired(Utxo utxo) {
        int cancelled = 0;
        long cutoff = clock.instant().minus(RECLAIM_AFTER).toEpochMilli();
        for (Map.Entry<TxIn, TxOut> entry : utxo.outputs().entrySet()) {
            String ref = entry.getKey().txId() + "#" + entry.getKey().index();
            if (!myBids.contains(ref) || !bidAddress.equals(entry.getValue().address()) || spentInFlight.containsKey(entry.getKey())) {
                continue;
            }
            var bidUtxo = HeadUtxos.toUtxo(entry.getKey(), entry.getValue());
            BidDatum bid = BidDatum.fromInlineDatumHex(bidUtxo.getInlineDatum());
            if (bid.deadlineMs() > cutoff) {
                continue;
            }
            List<com.bloxbean.cardano.client.api.model.Utxo> collateral = select(utxo, 5_000_000L);
            if (collateral.isEmpty()) {
                break;
            }
            SignedTransaction cancel = transactions.cancel(bidUtxo, key, collateral.get(0)).complete(evaluator);
            List<com.bloxbean.cardano.client.api.model.Utxo> spent = new ArrayList<>(List.of(bidUtxo));
            if (submit(cancel, spent)) {
                myBids.remove(ref);
                cancelled++;
            }
        }
        return cancelled;
    }

    /** Ada-only coins of this app, largest first, until {@code needed} lovelace is covered. */
    private List<com.bloxbean.cardano.client.api.model.Utxo> select(Utxo utxo, long needed) {
        List<Map.Entry<TxIn, TxOut>> coins = new ArrayList<>(HeadUtxos.adaOnlyAt(utxo, address).entrySet());
        coins.removeIf(e -> spentInFlight.containsKey(e.getKey()));
        coins.sort((a, b) -> Long.compare(HeadUtxos.lovelace(b.getValue()), HeadUtxos.lovelace(a.getValue())));
        List<com.bloxbean.cardano.client.api.model.Utxo> chosen = new ArrayList<>();
        long total = 0;
        for (Map.Entry<TxIn, TxOut> coin : coins) {
            chosen.add(HeadUtxos.toUtxo(coin.getKey(), coin.getValue()));
            total += HeadUtxos.lovelace(coin.getValue());
            if (total >= needed) {
                return chosen;
            }
        }
        return List.of();
    }

    private boolean submit(SignedTransaction tx, List<com.bloxbean.cardano.client.api.model.Utxo> inputs) {
        SubmitTxResult result = head.submitTransaction(Transaction.conway(tx.cborHex(), tx.txId()));
        if (!(result instanceof SubmitTxResult.SubmitTxSubmitted || result instanceof SubmitTxResult.SubmitTxConfirmed)) {
            LOG.warnf("%s: head refused %s: %s", name, tx.txId(), result);
            return false;
        }
        Instant now = clock.instant();
        inputs.forEach(u -> spentInFlight.put(new TxIn(u.getTxHash(), u.getOutputIndex()), now));
        return true;
    }
}
