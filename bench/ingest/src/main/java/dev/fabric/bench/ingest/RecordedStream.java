package dev.fabric.bench.ingest;

import static dev.fabric.ingest.MarketFixtures.*;
import static dev.fabric.plutus.Grid.*;

import com.bloxbean.cardano.client.api.model.Utxo;
import com.bloxbean.cardano.client.crypto.Blake2bUtil;
import dev.fabric.hydra.api.HydraMessageCodec;
import dev.fabric.hydra.api.MultiSignature;
import dev.fabric.hydra.api.ServerOutput;
import dev.fabric.hydra.api.Snapshot;
import dev.fabric.hydra.api.TimedServerOutput;
import dev.fabric.hydra.api.Transaction;
import dev.fabric.ingest.domain.cbor.CborReader;
import dev.fabric.ingest.domain.tx.ConwayTxParser;
import dev.fabric.ingest.domain.tx.TxInRef;
import dev.fabric.plutus.datum.LeaseDatum;
import dev.fabric.plutus.tx.FabricTransactions;
import dev.fabric.plutus.tx.SignedTransaction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Generates a hydra-node WebSocket stream of {@code SnapshotConfirmed} frames holding real Fabric
 * transactions, deterministically (same arguments, same frames).
 *
 * <p>How: one market cycle of ten transactions is built and signed once with the plutus builders
 * (scripts evaluated, reference scripts as on a real head): a race bid opened (with its workload
 * metadata) and accepted, the lease claimed, an auction bid opened with two offers, awarded to one, the
 * other withdrawn, and a bid opened and cancelled. Cycle {@code k} is a copy in which every funding
 * input is replaced by a per-cycle id and every transaction id by the blake2b-256 of its rewritten body,
 * wherever it occurs (inputs, datums naming a bid, the Award redeemer naming an offer), so cycle k's
 * spends consume cycle k's outputs and every id is unique and true to its body. The vkey witnesses keep
 * the templates' keys with fresh signature bytes per cycle (re-signing a million transactions is the slow
 * part, and ingest does not check signatures: the head did). Collateral and the reference-script outputs
 * are shared by all cycles, as on a real head.
 */
public final class RecordedStream {

    private static final HexFormat HEX = HexFormat.of();
    public static final String HEAD_ID = "fabbe7" + "00".repeat(13);

    /** One template transaction and where the ids that vary per cycle sit in its bytes. */
    private record Template(byte[] cbor, String txId, int bodyStart, int bodyEnd, List<Occurrence> occurrences,
                            List<TxInRef> sortedInputs, List<Integer> signatureOffsets) {
    }

    /** Ed25519 signatures are 64 bytes. */
    private static final int SIGNATURE_BYTES = 64;

    /** {@code id} (a funding input or an earlier template's tx id) occurs at {@code offset}. */
    private record Occurrence(int offset, String id) {
    }

    private final List<Template> templates;
    private final List<String> fundingIds;

    private RecordedStream(List<Template> templates, List<String> fundingIds) {
        this.templates = templates;
        this.fundingIds = fundingIds;
    }

    public int transactionsPerCycle() {
        return templates.size();
    }

    /** Builds the ten template transactions (a few seconds: every script is evaluated). */
    public static RecordedStream build() {
        SignedTransaction published = TXS.publishReferenceScripts(List.of(funds(ARBITER, 200 * ADA, "bench-refs")), ARBITER)
                .complete(EVALUATOR);
        Map<String, Utxo> references = new HashMap<>();
        for (int i = 0; i < 3; i++) {
            Utxo holder = output(published, i);
            references.put(holder.getReferenceScriptHash(), holder);
        }
        FabricTransactions txs = TXS.withReferenceScripts(references);
        Map<String, SignedTransaction> cycle = new LinkedHashMap<>();
        List<Utxo> fundings = new ArrayList<>();

        Utxo f1 = funds(APP, 100 * ADA, "bench-f1");
        SignedTransaction race = txs.openBid(List.of(f1), raceBid(), Optional.of(WORKLOAD), APP).complete(EVALUATOR);
        cycle.put("openRace", race);
        SignedTransaction accept = txs.raceAccept(output(race, 0), 20 * ADA, OPERATOR, collateral(OPERATOR), at(10), at(70))
                .complete(EVALUATOR);
        cycle.put("accept", accept);
        LeaseDatum lease = LeaseDatum.fromInlineDatumHex(output(accept, 0).getInlineDatum());
        cycle.put("claim", txs.claim(output(accept, 0), OPERATOR, Optional.empty(), collateral(OPERATOR), lease.endMs())
                .complete(EVALUATOR));

        Utxo f2 = funds(APP, 100 * ADA, "bench-f2");
        SignedTransaction auction = txs.openBid(List.of(f2), auctionBid(), Optional.of(WORKLOAD), APP).complete(EVALUATOR);
        cycle.put("openAuction", auction);
        Utxo f3 = funds(OPERATOR, 10 * ADA, "bench-f3");
        SignedTransaction winning = txs.makeOffer(List.of(f3), offer(ref(output(auction, 0)), OPERATOR, 25 * ADA), OPERATOR)
                .complete(EVALUATOR);
        cycle.put("offerWinning", winning);
        Utxo f4 = funds(OTHER_OPERATOR, 10 * ADA, "bench-f4");
        SignedTransaction losing = txs.makeOffer(List.of(f4), offer(ref(output(auction, 0)), OTHER_OPERATOR, 30 * ADA),
                OTHER_OPERATOR).complete(EVALUATOR);
        cycle.put("offerLosing", losing);
        cycle.put("award", txs.award(output(auction, 0), output(winning, 0), ARBITER, collateral(ARBITER), at(10), at(70))
                .complete(EVALUATOR));
        cycle.put("withdraw", txs.withdrawOffer(output(losing, 0), OTHER_OPERATOR, collateral(OTHER_OPERATOR)).complete(EVALUATOR));

        Utxo f5 = funds(APP, 100 * ADA, "bench-f5");
        SignedTransaction doomed = txs.openBid(List.of(f5), raceBid(), Optional.of(WORKLOAD), APP).complete(EVALUATOR);
        cycle.put("openCancelled", doomed);
        cycle.put("cancel", txs.cancel(output(doomed, 0), APP, collateral(APP)).complete(EVALUATOR));
        fundings.addAll(List.of(f1, f2, f3, f4, f5));

        List<String> fundingIds = fundings.stream().map(Utxo::getTxHash).toList();
        List<String> known = new ArrayList<>(fundingIds);
        List<Template> templates = new ArrayList<>();
        for (SignedTransaction tx : cycle.values()) {
            byte[] cbor = tx.cbor();
            CborReader in = new CborReader(cbor);
            in.readArrayHeader();
            int bodyStart = in.position();
            in.skip();
            int bodyEnd = in.position();
            List<Occurrence> occurrences = new ArrayList<>();
            for (String id : known) {
                byte[] pattern = HEX.parseHex(id);
                for (int at = indexOf(cbor, pattern, 0); at >= 0; at = indexOf(cbor, pattern, at + 1)) {
                    occurrences.add(new Occurrence(at, id));
                }
            }
            templates.add(new Template(cbor, tx.txId(), bodyStart, bodyEnd, List.copyOf(occurrences),
                    ConwayTxParser.parse(cbor, tx.txId()).inputs(), signatureOffsets(in)));
            known.add(tx.txId());
        }
        return new RecordedStream(List.copyOf(templates), fundingIds);
    }

    /**
     * Where the signatures of the vkey witnesses (witness set key 0: {@code [vkey, signature]} pairs) start,
     * read from just after the body.
     */
    private static List<Integer> signatureOffsets(CborReader in) {
        List<Integer> offsets = new ArrayList<>();
        long entries = in.readMapHeader();
        for (long e = 0; in.hasNext(entries, e); e++) {
            if (in.readUnsigned() != 0) {
                in.skip();
                continue;
            }
            long witnesses = in.readArrayOrSetHeader();
            for (long w = 0; in.hasNext(witnesses, w); w++) {
                in.readArrayHeader();
                in.skip();
                if (in.readBytes().length != SIGNATURE_BYTES) {
                    throw new IllegalStateException("a vkey witness whose signature is not " + SIGNATURE_BYTES + " bytes");
                }
                offsets.add(in.position() - SIGNATURE_BYTES);
            }
        }
        return List.copyOf(offsets);
    }

    /**
     * The transactions of cycle {@code k}: CBOR and true ids. Redeemers point at inputs by their position
     * in the ledger's (sorted) input order, so a renaming that reorders a transaction's inputs would hand
     * a redeemer to the wrong input; such a renaming is skipped for the next nonce (about one in two
     * cycles needs a second try, for the Award's bid and offer).
     */
    public List<Transaction> cycle(long k) {
        for (int nonce = 0; ; nonce++) {
            Map<String, byte[]> renamed = new HashMap<>();
            List<Transaction> txs = cycle(k, nonce, renamed);
            if (keepsInputOrder(renamed)) {
                return txs;
            }
        }
    }

    private boolean keepsInputOrder(Map<String, byte[]> renamed) {
        for (Template template : templates) {
            List<TxInRef> inputs = template.sortedInputs();
            for (int i = 1; i < inputs.size(); i++) {
                if (renamedRef(inputs.get(i - 1), renamed).compareTo(renamedRef(inputs.get(i), renamed)) >= 0) {
                    return false;
                }
            }
        }
        return true;
    }

    private static TxInRef renamedRef(TxInRef ref, Map<String, byte[]> renamed) {
        byte[] id = renamed.get(ref.txId());
        return id == null ? ref : new TxInRef(HEX.formatHex(id), ref.index());
    }

    private List<Transaction> cycle(long k, int nonce, Map<String, byte[]> renamed) {
        byte[] cycleBytes = (k + ":" + nonce).getBytes(StandardCharsets.US_ASCII);
        for (String id : fundingIds) {
            renamed.put(id, Blake2bUtil.blake2bHash256(concat(HEX.parseHex(id), cycleBytes)));
        }
        List<Transaction> out = new ArrayList<>(templates.size());
        // Fresh signature bytes per cycle: a real head never confirms the same signature twice, and copies
        // of the templates' would make the stream compress far better than real traffic (they are
        // outside the body, so no id changes; ingest does not verify them, the head did).
        java.util.SplittableRandom signatures = new java.util.SplittableRandom(k);
        for (Template template : templates) {
            byte[] cbor = template.cbor().clone();
            for (Occurrence occurrence : template.occurrences()) {
                System.arraycopy(renamed.get(occurrence.id()), 0, cbor, occurrence.offset(), 32);
            }
            byte[] signature = new byte[SIGNATURE_BYTES];
            for (int offset : template.signatureOffsets()) {
                signatures.nextBytes(signature);
                System.arraycopy(signature, 0, cbor, offset, SIGNATURE_BYTES);
            }
            byte[] txId = Blake2bUtil.blake2bHash256(Arrays.copyOfRange(cbor, template.bodyStart(), template.bodyEnd()));
            renamed.put(template.txId(), txId);
            out.add(Transaction.conway(HEX.formatHex(cbor), HEX.formatHex(txId)));
        }
        return out;
    }

    /**
     * The stream: {@code totalTxs} transactions in {@code SnapshotConfirmed} frames of {@code perSnapshot},
     * as the node writes them with {@code snapshot-utxo=no}; seq grows by 3 per snapshot (the node numbers
     * its internal events too).
     */
    public List<String> frames(long totalTxs, int perSnapshot, Instant start) {
        HydraMessageCodec codec = new HydraMessageCodec();
        List<String> frames = new ArrayList<>((int) (totalTxs / perSnapshot) + 1);
        List<Transaction> pending = new ArrayList<>(perSnapshot);
        long snapshot = 0;
        long produced = 0;
        for (long k = 0; produced < totalTxs; k++) {
            for (Transaction tx : cycle(k)) {
                if (produced++ >= totalTxs) {
                    break;
                }
                pending.add(tx);
                if (pending.size() == perSnapshot) {
                    frames.add(frame(codec, ++snapshot, pending, start));
                    pending.clear();
                }
            }
        }
        if (!pending.isEmpty()) {
            frames.add(frame(codec, ++snapshot, pending, start));
        }
        return frames;
    }

    private static String frame(HydraMessageCodec codec, long number, List<Transaction> txs, Instant start) {
        Snapshot snapshot = new Snapshot(HEAD_ID, 0, number, txs, null, null, null, "ef".repeat(48));
        ServerOutput.SnapshotConfirmed confirmed = new ServerOutput.SnapshotConfirmed(HEAD_ID, snapshot,
                new MultiSignature(List.of("a1".repeat(64))));
        return codec.encode(new TimedServerOutput(number * 3, start.plusMillis(number * 50), confirmed));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static int indexOf(byte[] data, byte[] pattern, int from) {
        outer:
        for (int i = from; i <= data.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
