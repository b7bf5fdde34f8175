package dev.fabric.settlement.chain;

import com.bloxbean.cardano.client.address.Address;
import com.bloxbean.cardano.client.common.model.Network;
import com.bloxbean.cardano.client.plutus.spec.BigIntPlutusData;
import com.bloxbean.cardano.client.plutus.spec.BytesPlutusData;
import com.bloxbean.cardano.client.plutus.spec.ConstrPlutusData;
import com.bloxbean.cardano.client.plutus.spec.PlutusData;
import com.bloxbean.cardano.client.plutus.spec.Redeemer;
import com.bloxbean.cardano.client.plutus.spec.RedeemerTag;
import com.bloxbean.cardano.client.transaction.spec.Transaction;
import com.bloxbean.cardano.client.util.HexUtil;
import dev.fabric.events.v1.hydra.L2Transaction;
import dev.fabric.events.v1.hydra.TxOutput;
import dev.fabric.plutus.blueprint.FabricScripts;
import dev.fabric.plutus.datum.BidDatum;
import dev.fabric.plutus.datum.BidRedeemer;
import dev.fabric.plutus.datum.KeyHash;
import dev.fabric.plutus.datum.LeaseDatum;
import dev.fabric.plutus.datum.LeaseRedeemer;
import dev.fabric.plutus.datum.OutRef;
import dev.fabric.plutus.datum.PlutusDataCbor;
import dev.fabric.settlement.domain.ChainFact;
import dev.fabric.settlement.domain.ChainPosition;
import dev.fabric.settlement.domain.LeaseTerms;
import dev.fabric.settlement.domain.MoneyRules;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Reads what a confirmed head transaction means for settlement: bids escrowed, leases created by an
 * Accept or Award, leases claimed or refunded, bids cancelled. Pure apart from the two lookups it
 * is given (the open escrows and leases of the head, kept by the caller).
 *
 * <p>A Lease output is only believed when it is output 0 of a transaction that spends the bid its
 * datum names: anyone can pay to the Lease script with any datum, but only the Bid validator, run
 * when the bid is spent, makes output 0 a real lease.
 */
public final class ChainReader {

    private final String bidAddress;
    private final String leaseAddress;
    private final Network network;

    public ChainReader(Network network) {
        this.network = network;
        this.bidAddress = FabricScripts.bid().addressBech32(network);
        this.leaseAddress = FabricScripts.lease().addressBech32(network);
    }

    /**
     * What one transaction did.
     *
     * @param escrowsOpened bid outputs created (ref -> lovelace)
     * @param escrowsClosed bid outputs spent
     * @param leasesOpened  leases created
     * @param leasesClosed  leases spent
     * @param verdicts      money rules checked on this transaction
     */
    public record Reading(List<ChainFact> facts, Map<String, Long> escrowsOpened, Set<String> escrowsClosed,
                          Map<String, LeaseTerms> leasesOpened, Set<String> leasesClosed, List<MoneyRules.Verdict> verdicts) {
        public Reading {
            facts = List.copyOf(facts);
            escrowsOpened = Map.copyOf(escrowsOpened);
            escrowsClosed = Set.copyOf(escrowsClosed);
            leasesOpened = Map.copyOf(leasesOpened);
            leasesClosed = Set.copyOf(leasesClosed);
            verdicts = List.copyOf(verdicts);
        }
    }

    /**
     * @param escrows lovelace of a bid output still open on the head, if known
     * @param leases  terms of a lease output still open on the head, if known
     */
    public Reading read(L2Transaction tx, Function<String, Optional<Long>> escrows, Function<String, Optional<LeaseTerms>> leases) {
        ChainPosition at = new ChainPosition(tx.getHeadId(), tx.getTxId(), tx.getSnapshotNumber(), tx.getSeq(),
                tx.getOccurredAt(), tx.getEventId());
        Set<String> inputs = new LinkedHashSet<>(tx.getInputs());
        List<ChainFact> facts = new ArrayList<>();
        Map<String, Long> escrowsOpened = new LinkedHashMap<>();
        Set<String> escrowsClosed = new LinkedHashSet<>();
        Map<String, LeaseTerms> leasesOpened = new LinkedHashMap<>();
        Set<String> leasesClosed = new LinkedHashSet<>();
        List<MoneyRules.Verdict> verdicts = new ArrayList<>();
        Redeemers redeemers = new Redeemers(tx);

        for (TxOutput out : tx.getOutputs()) {
            if (bidAddress.equals(out.getAddress()) && decodes(out, BidDatum::fromInlineDatumCbor)) {
                escrowsOpened.put(ref(tx.getTxId(), out.getIndex()), out.getLovelace());
            }
        }

        Optional<LeaseTerms> created = leaseCreated(tx, inputs);
        created.ifPresent(lease -> {
            leasesOpened.put(lease.leaseRef(), lease);
            facts.add(new ChainFact.LeaseCreated(lease, origin(redeemers, lease.bidRef()), at));
            long leaseLovelace = output(tx, 0).map(TxOutput::getLovelace).orElse(0L);
            verdicts.add(MoneyRules.leaseValue(lease.leaseRef(), lease.price(), leaseLovelace));
            escrows.apply(lease.bidRef()).ifPresent(escrow -> verdicts.add(MoneyRules.escrowSplit(lease.bidRef(), escrow,
                    leaseLovelace, output(tx, 1).map(TxOutput::getLovelace).orElse(0L))));
        });

        for (String input : inputs) {
            Optional<LeaseTerms> lease = leases.apply(input);
            if (lease.isPresent()) {
                leasesClosed.add(input);
                facts.add(leaseSpent(tx, lease.get(), redeemers, at, verdicts));
            }
            if (escrows.apply(input).isPresent()) {
                escrowsClosed.add(input);
                if (created.filter(l -> l.bidRef().equals(input)).isEmpty()) {
                    facts.add(new ChainFact.BidClosed(input, at));
                }
            }
        }
        return new Reading(facts, escrowsOpened, escrowsClosed, leasesOpened, leasesClosed, verdicts);
    }

    private Optional<LeaseTerms> leaseCreated(L2Transaction tx, Set<String> inputs) {
        Optional<TxOutput> first = output(tx, 0).filter(out -> leaseAddress.equals(out.getAddress()));
        if (first.isEmpty() || first.get().getInlineDatum() == null) {
            return Optional.empty();
        }
        LeaseDatum datum;
        try {
            datum = LeaseDatum.fromInlineDatumCbor(bytes(first.get().getInlineDatum()));
        } catch (RuntimeException notALease) {
            return Optional.empty();
        }
        String bidRef = datum.bidRef().toString();
        if (!inputs.contains(bidRef)) {
            return Optional.empty(); // a payment to the Lease script that no Bid validator vouched for
        }
        return Optional.of(new LeaseTerms(ref(tx.getTxId(), 0), bidRef, datum.operatorPkh().hex(), datum.appPkh().hex(),
                datum.price(), datum.startMs(), datum.durationSeconds(), datum.arbiter().map(KeyHash::hex)));
    }

    private ChainFact.LeaseSpent leaseSpent(L2Transaction tx, LeaseTerms lease, Redeemers redeemers, ChainPosition at,
                                            List<MoneyRules.Verdict> verdicts) {
        Optional<PlutusData> redeemer = redeemers.forSpend(lease.leaseRef());
        boolean refund = redeemer.map(data -> {
            try {
                return LeaseRedeemer.fromPlutusData(data) == LeaseRedeemer.REFUND;
            } catch (RuntimeException unreadable) {
                return false;
            }
        }).orElse(false);
        if (refund) {
            long refunded = refundPaid(tx, lease);
            verdicts.add(MoneyRules.leasePayout(lease.leaseRef(), lease.price(), 0, refunded));
            return new ChainFact.LeaseSpent(lease, ChainFact.LeaseSpend.REFUND, refunded, false, at);
        }
        // A Claim takes the whole lease, which holds exactly its price (LEASE_VALUE at creation).
        verdicts.add(MoneyRules.leasePayout(lease.leaseRef(), lease.price(), lease.price(), 0));
        boolean early = lease.arbiter().filter(arbiter -> tx.getSigners().contains(arbiter)).isPresent();
        return new ChainFact.LeaseSpent(lease, ChainFact.LeaseSpend.CLAIM, lease.price(), early, at);
    }

    /** The output the Lease validator's Refund rule demands: to the app's key, tagged with the lease's out-ref. */
    private long refundPaid(L2Transaction tx, LeaseTerms lease) {
        OutRef leaseRef = OutRef.parse(lease.leaseRef());
        long paid = 0;
        for (TxOutput out : tx.getOutputs()) {
            if (out.getInlineDatum() != null && paysKey(out.getAddress(), lease.appPkh())
                    && outRefDatum(bytes(out.getInlineDatum())).filter(leaseRef::equals).isPresent()) {
                paid = Math.addExact(paid, out.getLovelace());
            }
        }
        return paid;
    }

    private ChainFact.LeaseOrigin origin(Redeemers redeemers, String bidRef) {
        return redeemers.forSpend(bidRef).map(data -> {
            try {
                BidRedeemer redeemer = BidRedeemer.fromPlutusData(data);
                if (redeemer instanceof BidRedeemer.Accept) {
                    return ChainFact.LeaseOrigin.RACE_ACCEPT;
                }
                return redeemer instanceof BidRedeemer.Award ? ChainFact.LeaseOrigin.AWARD : ChainFact.LeaseOrigin.UNKNOWN;
            } catch (RuntimeException unreadable) {
                return ChainFact.LeaseOrigin.UNKNOWN;
            }
        }).orElse(ChainFact.LeaseOrigin.UNKNOWN);
    }

    private boolean paysKey(String address, String keyHashHex) {
        try {
            Address decoded = new Address(address);
            return decoded.getPaymentCredential()
                    .filter(c -> c.getType() == com.bloxbean.cardano.client.address.CredentialType.Key)
                    .map(c -> HexUtil.encodeHexString(c.getBytes()).equals(keyHashHex))
                    .orElse(false);
        } catch (RuntimeException notAnAddress) {
            return false;
        }
    }

    /** Reads an inline datum shaped as an output reference ({@code Constr 0 [bytes(32), int]}). */
    static Optional<OutRef> outRefDatum(byte[] cbor) {
        try {
            PlutusData data = PlutusDataCbor.parse(cbor, "OutRef");
            if (data instanceof ConstrPlutusData constr && constr.getAlternative() == 0
                    && constr.getData().getPlutusDataList().size() == 2
                    && constr.getData().getPlutusDataList().get(0) instanceof BytesPlutusData id
                    && constr.getData().getPlutusDataList().get(1) instanceof BigIntPlutusData index
                    && id.getValue().length == 32) {
                return Optional.of(new OutRef(HexUtil.encodeHexString(id.getValue()), index.getValue().intValueExact()));
            }
        } catch (Exception notAnOutRef) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private static <T> boolean decodes(TxOutput out, Function<byte[], T> decoder) {
        if (out.getInlineDatum() == null) {
            return false;
        }
        try {
            decoder.apply(bytes(out.getInlineDatum()));
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static Optional<TxOutput> output(L2Transaction tx, int index) {
        return tx.getOutputs().stream().filter(o -> o.getIndex() == index).findFirst();
    }

    static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer copy = buffer.duplicate();
        byte[] bytes = new byte[copy.remaining()];
        copy.get(bytes);
        return bytes;
    }

    private static String ref(String txId, int index) {
        return txId + "#" + index;
    }

    public Network network() {
        return network;
    }

    /** The spend redeemers of a transaction, decoded from its CBOR only when first asked for. */
    private static final class Redeemers {
        private final L2Transaction tx;
        private Map<String, PlutusData> bySpentInput;

        Redeemers(L2Transaction tx) {
            this.tx = tx;
        }

        Optional<PlutusData> forSpend(String input) {
            if (bySpentInput == null) {
                bySpentInput = decode();
            }
            return Optional.ofNullable(bySpentInput.get(input));
        }

        private Map<String, PlutusData> decode() {
            Map<String, PlutusData> map = new LinkedHashMap<>();
            try {
                byte[] cbor = bytes(tx.getCbor());
                PlutusDataCbor.requireLengthsWithinBounds(cbor, "transaction");
                Transaction decoded = Transaction.deserialize(cbor);
                // Redeemer indices point into the inputs in ledger order (by txId, then index).
                List<String> ordered = new ArrayList<>();
                new TreeSet<>(decoded.getBody().getInputs().stream()
                        .map(in -> new OutRef(in.getTransactionId(), in.getIndex())).toList())
                        .forEach(ref -> ordered.add(ref.toString()));
                List<Redeemer> redeemers = decoded.getWitnessSet() == null ? null : decoded.getWitnessSet().getRedeemers();
                if (redeemers != null) {
                    for (Redeemer redeemer : redeemers) {
                        int index = redeemer.getIndex().intValueExact();
                        if (redeemer.getTag() == RedeemerTag.Spend && index < ordered.size()) {
                            map.put(ordered.get(index), redeemer.getData());
                        }
                    }
                }
            } catch (Exception unreadable) {
                return Map.of();
            }
            return map;
        }
    }
}
