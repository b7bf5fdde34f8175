package dev.fabric.devnet.server;

import dev.fabric.devnet.head.EventJournal;
import dev.fabric.devnet.head.Head;
import dev.fabric.devnet.ledger.DecodedTx;
import dev.fabric.devnet.ledger.LedgerOutput;
import dev.fabric.devnet.ledger.MalformedTxException;
import dev.fabric.devnet.ledger.TxDecoder;
import dev.fabric.hydra.api.HydraMessageCodec;
import dev.fabric.hydra.api.ServerOutput;
import dev.fabric.hydra.api.Snapshot;
import dev.fabric.hydra.api.TimedServerOutput;
import dev.fabric.hydra.api.Transaction;
import dev.fabric.hydra.api.TxIn;
import dev.fabric.hydra.api.TxOut;
import dev.fabric.hydra.api.Utxo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Replays the persisted outputs to one connection ({@code history=yes}), applying its
 * {@code address} filter. The journal stores snapshots without their UTxO; for a connection that
 * wants it, the UTxO is folded back from the snapshots' transactions and deposits as the replay goes.
 */
final class HistoryFrames {

    private final HydraMessageCodec codec;
    private final Head head;
    private final Connection connection;
    private final TreeMap<TxIn, TxOut> utxo = new TreeMap<>();
    private List<TxIn> decommitInputs = List.of();

    HistoryFrames(HydraMessageCodec codec, Head head, Connection connection) {
        this.codec = codec;
        this.head = head;
        this.connection = connection;
    }

    void replay(List<EventJournal.Entry> entries, Consumer<String> send) {
        for (EventJournal.Entry entry : entries) {
            if (!entry.isOutput()) {
                continue;
            }
            ServerOutput output = entry.output();
            if (output instanceof ServerOutput.SnapshotConfirmed snapshot) {
                if (connection.wantsSnapshotUtxo()) {
                    fold(snapshot.snapshot());
                }
                if (connection.address() != null && !head.snapshotAddresses(entry.seq()).contains(connection.address())) {
                    continue;
                }
                send.accept(connection.wantsSnapshotUtxo() ? withUtxo(entry, snapshot) : entry.json(codec));
                continue;
            }
            if (output instanceof ServerOutput.HeadIsOpen || output instanceof ServerOutput.HeadIsFinalized) {
                utxo.clear();
            } else if (output instanceof ServerOutput.DecommitRequested requested) {
                decommitInputs = decode(requested.decommitTx()).inputs();
            }
            send.accept(entry.json(codec));
        }
    }

    private void fold(Snapshot snapshot) {
        for (Transaction tx : snapshot.confirmed()) {
            DecodedTx decoded = decode(tx);
            decoded.inputs().forEach(utxo::remove);
            var outputs = decoded.transaction().getBody().getOutputs();
            for (int i = 0; i < outputs.size(); i++) {
                utxo.put(new TxIn(decoded.txId(), i), LedgerOutput.of(decoded.outputBytes().get(i), outputs.get(i)).rendered());
            }
        }
        if (snapshot.utxoToCommit() != null) {
            utxo.putAll(snapshot.utxoToCommit().outputs());
        }
        if (snapshot.utxoToDecommit() != null) {
            decommitInputs.forEach(utxo::remove);
        }
    }

    private String withUtxo(EventJournal.Entry entry, ServerOutput.SnapshotConfirmed confirmed) {
        Snapshot s = confirmed.snapshot();
        Snapshot full = new Snapshot(s.headId(), s.version(), s.number(), s.confirmed(), new Utxo(new LinkedHashMap<>(utxo)),
                s.utxoToCommit(), s.utxoToDecommit(), s.accumulator());
        return codec.encode(new TimedServerOutput(entry.seq(), entry.timestamp(),
                new ServerOutput.SnapshotConfirmed(confirmed.headId(), full, confirmed.signatures())));
    }

    private static DecodedTx decode(Transaction tx) {
        try {
            return TxDecoder.decode(tx.cborHex());
        } catch (MalformedTxException e) {
            throw new IllegalStateException("the event log holds a transaction that does not decode", e);
        }
    }
}
