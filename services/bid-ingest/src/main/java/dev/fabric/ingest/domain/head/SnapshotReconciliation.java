package dev.fabric.ingest.domain.head;

import com.bloxbean.cardano.client.address.Address;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fabric.hydra.api.ConfirmedSnapshot;
import dev.fabric.hydra.api.TxIn;
import dev.fabric.hydra.api.TxOut;
import dev.fabric.hydra.api.Utxo;
import dev.fabric.ingest.domain.market.FabricAddresses;
import dev.fabric.ingest.domain.market.OpenMarketOutputs;
import dev.fabric.ingest.domain.tx.ConwayOutput;
import dev.fabric.ingest.domain.tx.TxInRef;
import dev.fabric.plutus.datum.BidDatum;
import dev.fabric.plutus.datum.DatumDecodingException;
import dev.fabric.plutus.datum.OfferDatum;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Compares what ingest has seen with the node's latest confirmed snapshot ({@code GET /snapshot}) after
 * an epoch boundary, and repairs what can be repaired: the index of open Bid/Offer outputs.
 *
 * <p>What it recovers: open Bid/Offer outputs present in the node's UTxO but unknown to ingest (created
 * in history ingest never saw, e.g. before an event-log rotation) enter the index, so later spends of
 * them still become {@code BidAccepted}/{@code BidAwarded}/{@code BidCancelled}/{@code OfferUsed}/
 * {@code OfferWithdrawn}. Offers recovered this way are taken as authentic: the UTxO does not carry the
 * creating transaction's signers. When the node's snapshot is the one ingest last ingested, index entries
 * missing from the UTxO are dropped (they were spent in history ingest never saw).
 *
 * <p>What it cannot recover, and reports instead: the transactions of snapshots ingest never received
 * (the API serves only the latest snapshot), hence no {@code L2Transaction}, {@code BidOpened} or
 * {@code OfferMade} for them.
 */
public final class SnapshotReconciliation {

    private static final HexFormat HEX = HexFormat.of();

    private SnapshotReconciliation() {
    }

    /**
     * @param ingestedSnapshot the number of the last snapshot ingest processed, or -1
     * @param snapshot         {@code GET /snapshot}, empty when the node has none (no head yet) or could not be asked
     * @param utxo             the UTxO of that snapshot ({@code GET /snapshot/utxo}), empty if unavailable
     * @return the report, as the alert's JSON body
     */
    public static ObjectNode reconcile(long ingestedSnapshot, Optional<ConfirmedSnapshot> snapshot, Optional<Utxo> utxo,
                                       OpenMarketOutputs market, FabricAddresses addresses) {
        ObjectNode report = JsonNodeFactory.instance.objectNode();
        report.put("ingestedSnapshotNumber", ingestedSnapshot);
        long nodeSnapshot = -1;
        if (snapshot.isEmpty()) {
            report.put("nodeSnapshot", "unavailable");
        } else if (snapshot.get() instanceof ConfirmedSnapshot.Signed signed) {
            nodeSnapshot = signed.snapshot().number();
            report.put("nodeSnapshotNumber", nodeSnapshot);
            report.put("nodeSnapshotVersion", signed.snapshot().version());
        } else {
            report.put("nodeSnapshot", "InitialSnapshot");
            nodeSnapshot = 0;
        }
        if (nodeSnapshot > ingestedSnapshot && ingestedSnapshot >= 0) {
            report.put("snapshotsNotYetIngested", nodeSnapshot - ingestedSnapshot);
            report.put("note", "snapshots after " + ingestedSnapshot + " are ingested when the stream delivers them; "
                    + "any the node no longer replays are lost to ingest: their transactions are not recoverable from the API");
        }
        if (utxo.isEmpty()) {
            report.put("index", "not reconciled: the node's UTxO is unavailable");
            return report;
        }
        ArrayNode added = report.putArray("openOutputsRecovered");
        int bidsAndOffers = 0;
        for (Map.Entry<TxIn, TxOut> entry : utxo.get().outputs().entrySet()) {
            TxInRef ref = new TxInRef(entry.getKey().txId(), (int) entry.getKey().index());
            Optional<OpenMarketOutputs.Entry> open = marketEntry(entry.getValue(), addresses);
            if (open.isEmpty()) {
                continue;
            }
            bidsAndOffers++;
            if (!market.contains(ref)) {
                market.add(ref, open.get());
                added.add(ref.toString());
            }
        }
        report.put("openBidsAndOffersAtNode", bidsAndOffers);
        ArrayNode dropped = report.putArray("openOutputsDropped");
        if (nodeSnapshot == ingestedSnapshot) {
            for (TxInRef ref : List.copyOf(market.entries().keySet())) {
                TxIn in = new TxIn(ref.txId(), ref.index());
                if (utxo.get().get(in).isEmpty()) {
                    market.spend(ref);
                    dropped.add(ref.toString());
                }
            }
        } else {
            report.put("dropCheck", "skipped: the node's snapshot is not the one ingest stands at");
        }
        return report;
    }

    /**
     * Fills an empty index from the node's current UTxO before the history replay starts, so that spends
     * of outputs created before an event-log rotation (absent from the replay) still decode.
     *
     * @return how many Bid/Offer outputs were added
     */
    public static int seed(Utxo utxo, OpenMarketOutputs market, FabricAddresses addresses) {
        int added = 0;
        for (Map.Entry<TxIn, TxOut> entry : utxo.outputs().entrySet()) {
            Optional<OpenMarketOutputs.Entry> open = marketEntry(entry.getValue(), addresses);
            if (open.isPresent()) {
                market.add(new TxInRef(entry.getKey().txId(), (int) entry.getKey().index()), open.get());
                added++;
            }
        }
        return added;
    }

    /** A Bid or Offer output of the UTxO set, with a readable datum. */
    static Optional<OpenMarketOutputs.Entry> marketEntry(TxOut out, FabricAddresses addresses) {
        if (out.inlineDatumRaw() == null) {
            return Optional.empty();
        }
        byte[] address;
        try {
            address = new Address(out.address()).getBytes();
        } catch (RuntimeException e) {
            return Optional.empty();
        }
        long lovelace = out.value().lovelace().longValueExact();
        ConwayOutput output = new ConwayOutput(0, address, lovelace, List.of(), null, null);
        try {
            if (addresses.isBid(output)) {
                return Optional.of(new OpenMarketOutputs.OpenBid(
                        BidDatum.fromInlineDatumCbor(HEX.parseHex(out.inlineDatumRaw())), lovelace));
            }
            if (addresses.isOffer(output)) {
                return Optional.of(new OpenMarketOutputs.OpenOffer(
                        OfferDatum.fromInlineDatumCbor(HEX.parseHex(out.inlineDatumRaw())), lovelace));
            }
        } catch (DatumDecodingException | IllegalArgumentException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }
}
