package dev.fabric.ingest.domain.market;

import com.bloxbean.cardano.client.crypto.Blake2bUtil;
import com.bloxbean.cardano.client.plutus.spec.PlutusData;
import dev.fabric.events.EventIds;
import dev.fabric.events.dlq.DeadLetters;
import dev.fabric.events.v1.bid.BidAccepted;
import dev.fabric.events.v1.bid.BidAwarded;
import dev.fabric.events.v1.bid.BidCancelled;
import dev.fabric.events.v1.bid.BidEvent;
import dev.fabric.events.v1.bid.BidOpened;
import dev.fabric.events.v1.common.AllocationMode;
import dev.fabric.events.v1.common.ChainRef;
import dev.fabric.events.v1.common.ModeKind;
import dev.fabric.events.v1.common.ResourceRequest;
import dev.fabric.events.v1.common.Resources;
import dev.fabric.events.v1.common.WorkloadKind;
import dev.fabric.events.v1.dlq.DeadLetter;
import dev.fabric.events.v1.hydra.Asset;
import dev.fabric.events.v1.hydra.L2Transaction;
import dev.fabric.events.v1.hydra.TxOutput;
import dev.fabric.events.v1.offer.OfferEvent;
import dev.fabric.events.v1.offer.OfferMade;
import dev.fabric.events.v1.offer.OfferUsed;
import dev.fabric.events.v1.offer.OfferWithdrawn;
import dev.fabric.ingest.domain.cbor.CborException;
import dev.fabric.ingest.domain.market.OpenMarketOutputs.OpenBid;
import dev.fabric.ingest.domain.market.OpenMarketOutputs.OpenOffer;
import dev.fabric.ingest.domain.tx.AddressText;
import dev.fabric.ingest.domain.tx.ConwayOutput;
import dev.fabric.ingest.domain.tx.ConwayTx;
import dev.fabric.ingest.domain.tx.ConwayTxParser;
import dev.fabric.ingest.domain.tx.TxAsset;
import dev.fabric.ingest.domain.tx.TxInRef;
import dev.fabric.plutus.datum.BidDatum;
import dev.fabric.plutus.datum.BidRedeemer;
import dev.fabric.plutus.datum.DatumDecodingException;
import dev.fabric.plutus.datum.KeyHash;
import dev.fabric.plutus.datum.LeaseDatum;
import dev.fabric.plutus.datum.Mode;
import dev.fabric.plutus.datum.OfferDatum;
import dev.fabric.plutus.datum.OfferRedeemer;
import dev.fabric.plutus.datum.PlutusDataCbor;
import dev.fabric.plutus.workload.WorkloadSpec;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Turns one confirmed transaction into what ingest publishes: its {@link L2Transaction}, the bid and
 * offer events it causes, and a dead letter for every part it cannot read. Updates the head's
 * {@link OpenMarketOutputs} as it goes, so it must see the head's transactions in confirmation order.
 *
 * <p>Rules (DESIGN.md "Decoding"):
 * <ul>
 *   <li>an output at the Bid script with a readable {@code BidDatum} opens a bid ({@code BidOpened},
 *       key {@code txId#index}); the workload spec rides along when the metadata carries one that
 *       hashes to the datum's {@code workloadHash};</li>
 *   <li>an output at the Offer script with a readable {@code OfferDatum} is an offer ({@code OfferMade},
 *       key the bid it names) only if the transaction lists {@code operatorPkh} as a required signer:
 *       anyone may pay to the script, so an unsigned one is a fake and is dead-lettered;</li>
 *   <li>spending an open bid: the bid's redeemer decides ({@code Accept} → {@code BidAccepted},
 *       {@code Award} → {@code BidAwarded}, {@code Cancel} → {@code BidCancelled});</li>
 *   <li>spending an open offer: {@code Use} → {@code OfferUsed}, {@code Withdraw} → {@code OfferWithdrawn};</li>
 *   <li>settlement outputs are positional: the Lease of an Accept or Award is output 0;</li>
 *   <li>Lease outputs and their spends produce no market event (settlement reads them from the
 *       transaction topic).</li>
 * </ul>
 * A transaction whose CBOR cannot be read yields only a dead letter.
 */
public final class ConfirmedTxDecoder {

    public static final String SERVICE = "bid-ingest";
    private static final HexFormat HEX = HexFormat.of();

    private final FabricAddresses addresses;
    private final OpenMarketOutputs market;
    private final AddressText addressText = new AddressText();
    /**
     * Workload specs already verified, by their exact bytes: apps reuse workloads, and a spec's bytes
     * decide both its hash check and its content, so a byte-identical spec needs neither again.
     */
    private final java.util.Map<ByteBuffer, VerifiedWorkload> verifiedWorkloads =
            new java.util.LinkedHashMap<>(256, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(java.util.Map.Entry<ByteBuffer, VerifiedWorkload> eldest) {
                    return size() > 1024;
                }
            };

    /** A workload spec's bytes hash to {@code hash} and read as {@code spec}. */
    private record VerifiedWorkload(String hash, dev.fabric.events.v1.common.WorkloadSpec spec) {
    }

    public ConfirmedTxDecoder(FabricAddresses addresses, OpenMarketOutputs market) {
        this.addresses = addresses;
        this.market = market;
    }

    public OpenMarketOutputs market() {
        return market;
    }

    /** What one confirmed transaction yields. {@code transaction} is empty when its CBOR was unreadable. */
    public record Decoded(Optional<L2Transaction> transaction, List<BidEvent> bids, List<OfferEvent> offers,
                          List<DeadLetter> deadLetters) {

        public int recordCount() {
            return (transaction.isPresent() ? 1 : 0) + bids.size() + offers.size() + deadLetters.size();
        }
    }

    /**
     * Decodes a confirmed transaction and publishes nothing else: its CBOR hex as the node sent it.
     *
     * @param indexInSnapshot position in the snapshot's {@code confirmed} list
     */
    public Decoded decode(SnapshotPosition at, int indexInSnapshot, String cborHex, String txId) {
        try {
            return decodeChecked(at, indexInSnapshot, cborHex, txId);
        } catch (RuntimeException e) {
            // A bug or an input no rule foresaw must not lose the snapshot: the transaction goes to the DLQ.
            return unreadable(at, indexInSnapshot, txId, cborHex.getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                    "unexpected failure decoding the transaction: " + e, e);
        }
    }

    private Decoded decodeChecked(SnapshotPosition at, int indexInSnapshot, String cborHex, String txId) {
        byte[] cbor;
        try {
            cbor = HEX.parseHex(cborHex);
        } catch (IllegalArgumentException e) {
            return unreadable(at, indexInSnapshot, txId, cborHex.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    "transaction cborHex is not hex: " + e.getMessage(), e);
        }
        ConwayTx tx;
        try {
            tx = ConwayTxParser.parse(cbor, txId);
        } catch (CborException e) {
            return unreadable(at, indexInSnapshot, txId, cbor, "transaction CBOR is not a Conway transaction: " + e.getMessage(), e);
        }
        return decode(at, indexInSnapshot, tx, cbor);
    }

    /**
     * Updates the open-output index from a transaction that was already published (a replay below the
     * cursor), without building any record. Must agree with {@link #decode} on what enters the index.
     */
    public void observe(String cborHex, String txId) {
        ConwayTx tx;
        try {
            tx = ConwayTxParser.parse(HEX.parseHex(cborHex), txId);
        } catch (CborException | IllegalArgumentException e) {
            return; // was dead-lettered when first seen
        }
        tx.consumed().forEach(market::spend);
        if (tx.valid()) {
            for (ConwayOutput output : tx.outputs()) {
                openedBy(tx, output).ifPresent(entry -> market.add(new TxInRef(tx.txId(), output.index()), entry));
            }
        }
    }

    private Optional<OpenMarketOutputs.Entry> openedBy(ConwayTx tx, ConwayOutput output) {
        try {
            if (addresses.isBid(output) && output.inlineDatum() != null) {
                return Optional.of(new OpenBid(BidDatum.fromInlineDatumCbor(output.inlineDatum()), output.lovelace()));
            }
            if (addresses.isOffer(output) && output.inlineDatum() != null) {
                OfferDatum offer = OfferDatum.fromInlineDatumCbor(output.inlineDatum());
                if (tx.requiredSigners().contains(offer.operatorPkh().hex())) {
                    return Optional.of(new OpenOffer(offer, output.lovelace()));
                }
            }
        } catch (DatumDecodingException | IllegalArgumentException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private Decoded decode(SnapshotPosition at, int indexInSnapshot, ConwayTx tx, byte[] cbor) {
        String l2EventId = EventIds.of("L2Transaction", at.headId(), tx.txId());
        ChainRef chain = new ChainRef(at.headId(), tx.txId(), at.snapshotNumber(), at.seq());
        Effects effects = new Effects(at, tx, cbor, l2EventId, chain);
        if (tx.valid()) {
            for (TxInRef input : tx.inputs()) {
                market.spend(input).ifPresent(entry -> spent(effects, input, entry));
            }
            for (ConwayOutput output : tx.outputs()) {
                created(effects, output);
            }
        } else {
            // Phase 2 failed: only the collateral went; no script-guarded output moved.
            tx.collateralInputs().forEach(market::spend);
        }
        L2Transaction l2 = toL2Transaction(at, indexInSnapshot, tx, cbor, l2EventId);
        return new Decoded(Optional.of(l2), List.copyOf(effects.bids), List.copyOf(effects.offers),
                List.copyOf(effects.deadLetters));
    }

    /** The records one transaction causes, collected while walking its inputs and outputs. */
    private final class Effects {
        final SnapshotPosition at;
        final ConwayTx tx;
        final byte[] cbor;
        final String causationId;
        final ChainRef chain;
        final List<BidEvent> bids = new ArrayList<>(1);
        final List<OfferEvent> offers = new ArrayList<>(1);
        final List<DeadLetter> deadLetters = new ArrayList<>(0);

        Effects(SnapshotPosition at, ConwayTx tx, byte[] cbor, String causationId, ChainRef chain) {
            this.at = at;
            this.tx = tx;
            this.cbor = cbor;
            this.causationId = causationId;
            this.chain = chain;
        }

        void bid(String kind, String bidRef, Object payload) {
            bids.add(BidEvent.newBuilder()
                    .setEventId(EventIds.of(kind, at.headId(), bidRef, tx.txId()))
                    .setCausationId(causationId)
                    .setBidRef(bidRef)
                    .setOccurredAt(at.timestamp())
                    .setChain(chain)
                    .setPayload(payload)
                    .build());
        }

        void offer(String kind, String bidRef, String offerRef, Object payload) {
            offers.add(OfferEvent.newBuilder()
                    .setEventId(EventIds.of(kind, at.headId(), offerRef, tx.txId()))
                    .setCausationId(causationId)
                    .setBidRef(bidRef)
                    .setOfferRef(offerRef)
                    .setOccurredAt(at.timestamp())
                    .setChain(chain)
                    .setPayload(payload)
                    .build());
        }

        void deadLetter(String what, String reason, byte[] payload, Throwable error) {
            DeadLetter letter = DeadLetters.fromExternal(SERVICE, "hydra:" + at.nodeId(),
                    at.headId() + "/" + tx.txId() + "/" + what, payload, reason + " (tx " + tx.txId() + ", snapshot "
                            + at.snapshotNumber() + ", seq " + at.seq() + ")", error, at.timestamp());
            deadLetters.add(DeadLetter.newBuilder(letter).setCausationId(causationId).build());
        }
    }

    private void spent(Effects fx, TxInRef input, OpenMarketOutputs.Entry entry) {
        String leaseRef = fx.tx.txId() + "#0";
        Optional<byte[]> redeemerBytes = fx.tx.redeemerFor(input);
        if (redeemerBytes.isEmpty()) {
            fx.deadLetter("spend/" + input, "spends " + describe(entry) + " " + input + " without a spend redeemer",
                    fx.cbor, null);
            return;
        }
        PlutusData redeemer;
        try {
            redeemer = PlutusDataCbor.parse(redeemerBytes.get(), "redeemer");
        } catch (Exception e) {
            fx.deadLetter("spend/" + input, "redeemer spending " + input + " is not Plutus data: " + e.getMessage(),
                    redeemerBytes.get(), e);
            return;
        }
        if (entry instanceof OpenBid bid) {
            spentBid(fx, input, bid, redeemer, redeemerBytes.get(), leaseRef);
        } else if (entry instanceof OpenOffer offer) {
            spentOffer(fx, input, offer, redeemer, redeemerBytes.get(), leaseRef);
        }
    }

    private void spentBid(Effects fx, TxInRef input, OpenBid bid, PlutusData redeemer, byte[] raw, String leaseRef) {
        String bidRef = input.toString();
        BidRedeemer decided;
        try {
            decided = BidRedeemer.fromPlutusData(redeemer);
        } catch (DatumDecodingException | IllegalArgumentException e) {
            fx.deadLetter("spend/" + input, "bid " + bidRef + " spent with an unreadable redeemer: " + e.getMessage(), raw, e);
            return;
        }
        if (decided instanceof BidRedeemer.Accept accept) {
            fx.bid("BidAccepted", bidRef, new BidAccepted(accept.operatorPkh().hex(), accept.price(), leaseRef));
        } else if (decided instanceof BidRedeemer.Award award) {
            Optional<LeaseDatum> lease = leaseAt0(fx);
            if (lease.isEmpty()) {
                fx.deadLetter("spend/" + input, "bid " + bidRef + " awarded but output 0 holds no readable Lease datum",
                        fx.cbor, null);
                return;
            }
            fx.bid("BidAwarded", bidRef, new BidAwarded(award.offerRef().toString(), lease.get().operatorPkh().hex(),
                    lease.get().price(), leaseRef));
        } else if (decided instanceof BidRedeemer.Cancel) {
            fx.bid("BidCancelled", bidRef, new BidCancelled(bid.lovelace()));
        }
    }

    private void spentOffer(Effects fx, TxInRef input, OpenOffer offer, PlutusData redeemer, byte[] raw, String leaseRef) {
        String offerRef = input.toString();
        String bidRef = offer.datum().bidRef().toString();
        String operator = offer.datum().operatorPkh().hex();
        OfferRedeemer decided;
        try {
            decided = OfferRedeemer.fromPlutusData(redeemer);
        } catch (DatumDecodingException | IllegalArgumentException e) {
            fx.deadLetter("spend/" + input, "offer " + offerRef + " spent with an unreadable redeemer: " + e.getMessage(), raw, e);
            return;
        }
        if (decided == OfferRedeemer.USE) {
            fx.offer("OfferUsed", bidRef, offerRef, new OfferUsed(operator, leaseRef));
        } else {
            fx.offer("OfferWithdrawn", bidRef, offerRef, new OfferWithdrawn(operator));
        }
    }

    /** The Lease an Accept or Award must create as output 0 (the Bid validator checks it positionally). */
    private Optional<LeaseDatum> leaseAt0(Effects fx) {
        if (fx.tx.outputs().isEmpty()) {
            return Optional.empty();
        }
        ConwayOutput first = fx.tx.outputs().get(0);
        if (!addresses.isLease(first) || first.inlineDatum() == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(LeaseDatum.fromInlineDatumCbor(first.inlineDatum()));
        } catch (DatumDecodingException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private void created(Effects fx, ConwayOutput output) {
        boolean bid = addresses.isBid(output);
        boolean offer = !bid && addresses.isOffer(output);
        if (!bid && !offer) {
            return;
        }
        TxInRef ref = new TxInRef(fx.tx.txId(), output.index());
        String what = bid ? "Bid" : "Offer";
        if (output.inlineDatum() == null) {
            fx.deadLetter("output/" + output.index(), what + " output " + ref + " has no inline datum",
                    fx.cbor, null);
            return;
        }
        if (bid) {
            createdBid(fx, output, ref);
        } else {
            createdOffer(fx, output, ref);
        }
    }

    private void createdBid(Effects fx, ConwayOutput output, TxInRef ref) {
        BidDatum datum;
        try {
            datum = BidDatum.fromInlineDatumCbor(output.inlineDatum());
        } catch (DatumDecodingException | IllegalArgumentException e) {
            fx.deadLetter("output/" + output.index(), "Bid output " + ref + " has an unreadable datum: " + e.getMessage(),
                    output.inlineDatum(), e);
            return;
        }
        market.add(ref, new OpenBid(datum, output.lovelace()));
        fx.bid("BidOpened", ref.toString(), toBidOpened(fx, datum, output.lovelace()));
    }

    private void createdOffer(Effects fx, ConwayOutput output, TxInRef ref) {
        OfferDatum datum;
        try {
            datum = OfferDatum.fromInlineDatumCbor(output.inlineDatum());
        } catch (DatumDecodingException | IllegalArgumentException e) {
            fx.deadLetter("output/" + output.index(), "Offer output " + ref + " has an unreadable datum: " + e.getMessage(),
                    output.inlineDatum(), e);
            return;
        }
        String operator = datum.operatorPkh().hex();
        if (!fx.tx.requiredSigners().contains(operator)) {
            fx.deadLetter("output/" + output.index(), "fake offer " + ref + ": the transaction is not signed by its operator "
                    + operator + " (required signers " + fx.tx.requiredSigners() + ")", fx.cbor, null);
            return;
        }
        market.add(ref, new OpenOffer(datum, output.lovelace()));
        Resources offered = new Resources(datum.offered().cpuMillis(), datum.offered().memoryMiB(),
                datum.offered().storageGiB(), Math.toIntExact(datum.offered().gpus()));
        fx.offer("OfferMade", datum.bidRef().toString(), ref.toString(),
                new OfferMade(operator, datum.price(), offered, java.time.Instant.ofEpochMilli(datum.expiryMs())));
    }

    private BidOpened toBidOpened(Effects fx, BidDatum datum, long lovelace) {
        var request = datum.request();
        ResourceRequest avroRequest = ResourceRequest.newBuilder()
                .setCpuMillis(request.cpuMillis())
                .setMemoryMiB(request.memoryMiB())
                .setStorageGiB(request.storageGiB())
                .setGpus(Math.toIntExact(request.gpus()))
                .setDurationSeconds(request.durationSeconds())
                .setRegion(request.region().orElse(null))
                .setWorkloadHash(request.workloadHash())
                .build();
        return BidOpened.newBuilder()
                .setAppPkh(datum.appPkh().hex())
                .setRequest(avroRequest)
                .setMinPrice(datum.minPrice())
                .setMaxPrice(datum.maxPrice())
                .setMode(toMode(datum.mode()))
                .setDeadline(java.time.Instant.ofEpochMilli(datum.deadlineMs()))
                .setArbiter(datum.arbiter().map(KeyHash::hex).orElse(null))
                .setAllowedOperators(datum.allowedOperators().stream().map(KeyHash::hex).toList())
                .setEscrowLovelace(lovelace)
                .setWorkload(workloadOf(fx, request.workloadHash()))
                .build();
    }

    /**
     * The workload spec from metadata label 1990, only when it hashes to what the datum commits to. A
     * spec that is present but malformed or mismatched is dead-lettered; the bid still opens without it.
     */
    private dev.fabric.events.v1.common.WorkloadSpec workloadOf(Effects fx, String workloadHash) {
        Optional<ConwayTx.WorkloadBytes> carried = fx.tx.workload();
        if (carried.isEmpty()) {
            return null;
        }
        if (carried.get() instanceof ConwayTx.WorkloadBytes.Malformed malformed) {
            fx.deadLetter("workload", malformed.problem() + "; bid opened without its workload spec", fx.cbor, null);
            return null;
        }
        byte[] json = ((ConwayTx.WorkloadBytes.Present) carried.get()).json();
        VerifiedWorkload known = verifiedWorkloads.get(ByteBuffer.wrap(json));
        if (known != null && known.hash().equals(workloadHash)) {
            // Shared, never modified after build (records are only serialised); a copy would also make
            // Avro resolve the enum class through the thread's context class loader.
            return known.spec();
        }
        String actual = HEX.formatHex(Blake2bUtil.blake2bHash256(json));
        if (!actual.equals(workloadHash)) {
            fx.deadLetter("workload", "workload spec hashes to " + actual + " but the bid commits to " + workloadHash
                    + "; bid opened without it", json, null);
            return null;
        }
        WorkloadSpec spec;
        try {
            spec = WorkloadSpec.fromJson(json);
        } catch (IllegalArgumentException e) {
            fx.deadLetter("workload", "workload spec is unreadable: " + e.getMessage() + "; bid opened without it", json, e);
            return null;
        }
        dev.fabric.events.v1.common.WorkloadSpec avro = dev.fabric.events.v1.common.WorkloadSpec.newBuilder()
                .setKind(spec.kind() == WorkloadSpec.Kind.Job ? WorkloadKind.JOB : WorkloadKind.DEPLOYMENT)
                .setImage(spec.image())
                .setArgs(spec.args())
                .setEnv(spec.env())
                .setPorts(spec.ports())
                .build();
        verifiedWorkloads.put(ByteBuffer.wrap(json), new VerifiedWorkload(actual, avro));
        return avro;
    }

    private static AllocationMode toMode(Mode mode) {
        if (mode instanceof Mode.Auction auction) {
            return new AllocationMode(ModeKind.AUCTION, auction.windowMs(), null, null);
        }
        if (mode instanceof Mode.Reputation reputation) {
            return new AllocationMode(ModeKind.REPUTATION, null, reputation.minScoreBps(), reputation.priorityWindowMs());
        }
        return new AllocationMode(ModeKind.RACE, null, null, null);
    }

    private L2Transaction toL2Transaction(SnapshotPosition at, int indexInSnapshot, ConwayTx tx, byte[] cbor,
                                          String eventId) {
        List<TxOutput> outputs = new ArrayList<>(tx.produced().size());
        for (ConwayOutput output : tx.produced()) {
            List<Asset> assets = output.assets().isEmpty() ? List.of() : new ArrayList<>(output.assets().size());
            for (TxAsset asset : output.assets()) {
                assets.add(new Asset(asset.policyId(), asset.assetName(), asset.quantity().toString()));
            }
            outputs.add(new TxOutput(output.index(), addressText.render(output.address()), output.lovelace(), assets,
                    output.inlineDatum() == null ? null : ByteBuffer.wrap(output.inlineDatum()), output.datumHash()));
        }
        return L2Transaction.newBuilder()
                .setEventId(eventId)
                .setCausationId(at.causationId())
                .setHeadId(at.headId())
                .setNodeId(at.nodeId())
                .setTxId(tx.txId())
                .setSnapshotNumber(at.snapshotNumber())
                .setSnapshotVersion(at.snapshotVersion())
                .setSeq(at.seq())
                .setIndexInSnapshot(indexInSnapshot)
                .setOccurredAt(at.timestamp())
                .setCbor(ByteBuffer.wrap(cbor))
                .setInputs(refs(tx.consumed()))
                .setReferenceInputs(refs(tx.referenceInputs()))
                .setOutputs(outputs)
                .setSigners(tx.requiredSigners())
                .build();
    }

    private static List<String> refs(List<TxInRef> refs) {
        List<String> out = new ArrayList<>(refs.size());
        for (TxInRef ref : refs) {
            out.add(ref.toString());
        }
        return out;
    }

    private Decoded unreadable(SnapshotPosition at, int indexInSnapshot, String txId, byte[] payload, String reason,
                               Throwable error) {
        String id = txId == null ? "index-" + indexInSnapshot : txId;
        DeadLetter letter = DeadLetters.fromExternal(SERVICE, "hydra:" + at.nodeId(), at.headId() + "/" + id + "/cbor",
                payload, reason + " (tx " + id + ", snapshot " + at.snapshotNumber() + ", seq " + at.seq() + ")",
                error, at.timestamp());
        return new Decoded(Optional.empty(), List.of(), List.of(),
                List.of(DeadLetter.newBuilder(letter).setCausationId(at.causationId()).build()));
    }

    private static String describe(OpenMarketOutputs.Entry entry) {
        return entry instanceof OpenBid ? "bid" : "offer";
    }
}
