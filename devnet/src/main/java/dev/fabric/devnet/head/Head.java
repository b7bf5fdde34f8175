package dev.fabric.devnet.head;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.fabric.devnet.ledger.DecodedTx;
import dev.fabric.devnet.ledger.LedgerOutput;
import dev.fabric.devnet.ledger.LedgerState;
import dev.fabric.devnet.ledger.MalformedTxException;
import dev.fabric.devnet.ledger.TxDecoder;
import dev.fabric.devnet.ledger.TxValidation;
import dev.fabric.devnet.ledger.TxVerdict;
import dev.fabric.devnet.ledger.UtxoImport;
import dev.fabric.devnet.wallet.DevnetKey;
import dev.fabric.hydra.api.ClientInput;
import dev.fabric.hydra.api.ClientMessage;
import dev.fabric.hydra.api.ConfirmedSnapshot;
import dev.fabric.hydra.api.DecommitInvalidReason;
import dev.fabric.hydra.api.Environment;
import dev.fabric.hydra.api.Greetings;
import dev.fabric.hydra.api.HeadParameters;
import dev.fabric.hydra.api.HeadState;
import dev.fabric.hydra.api.HydraMessageCodec;
import dev.fabric.hydra.api.MultiSignature;
import dev.fabric.hydra.api.NetworkInfo;
import dev.fabric.hydra.api.Party;
import dev.fabric.hydra.api.SeenSnapshot;
import dev.fabric.hydra.api.ServerOutput;
import dev.fabric.hydra.api.Snapshot;
import dev.fabric.hydra.api.SubmitTxResult;
import dev.fabric.hydra.api.Transaction;
import dev.fabric.hydra.api.TxIn;
import dev.fabric.hydra.api.Utxo;
import dev.fabric.hydra.api.ValidationError;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The head state machine of a single-party hydra-node (2.x): Idle → Open on {@code Init} (no commit
 * phase) → Closed → FanoutPossible → Idle on {@code Fanout}, with deposits, decommits, the off-chain
 * transaction/snapshot protocol and the devnet's fault switches.
 *
 * <p>Owned by one thread (the {@code thread} given): every method must be called on it. State is
 * rebuilt from the {@link EventJournal} on start, so a restart continues where it stopped.
 */
public final class Head {

    private static final Logger LOG = Logger.getLogger(Head.class);
    private static final HexFormat HEX = HexFormat.of();
    /** hydra-node's offline mode commits its initial UTxO as a deposit with this id. */
    static final String INITIAL_DEPOSIT_TX_ID = "00".repeat(32);

    private final DevnetConfig config;
    private final TxValidation ledger;
    private final EventJournal journal;
    private final HeadOutputs outputs;
    private final ScheduledExecutorService thread;
    private final DevnetKey nodeKey;
    private final HydraMessageCodec codec;
    private final Random random = new Random(20_260_715L);

    private HeadPhase phase = HeadPhase.IDLE;
    private String headId;
    private String headSeed;
    private long headsOpened;
    private long version;
    private LedgerState confirmed = new LedgerState();
    private LedgerState local = new LedgerState();
    private final List<TxVerdict.Valid> pending = new ArrayList<>();
    private Instant oldestPendingAt;
    private Snapshot lastSnapshot;
    private MultiSignature lastSignatures;
    private boolean snapshotInFlight;
    private ScheduledFuture<?> snapshotTimer;
    private final ArrayDeque<Deposit> deposits = new ArrayDeque<>();
    private TxVerdict.Valid pendingDecommit;
    private Instant contestationDeadline;
    private boolean readyToFanoutSent;
    private boolean initialUtxoCommitted;
    private final Map<Long, Set<String>> snapshotAddresses = new HashMap<>();

    private Instant stallUntil;
    private int rejectNext;
    private LatencyDistribution latency = LatencyDistribution.NONE;
    private final Map<String, List<CompletableFuture<SubmitTxResult>>> submissions = new HashMap<>();

    /** A recorded deposit waiting to be included in a snapshot. */
    private record Deposit(String txId, Map<TxIn, LedgerOutput> outputs, Utxo utxo, Instant deadline) {
    }

    public Head(DevnetConfig config, TxValidation ledger, EventJournal journal, HeadOutputs outputs,
                ScheduledExecutorService thread, DevnetKey nodeKey, HydraMessageCodec codec) {
        this.config = config;
        this.ledger = ledger;
        this.journal = journal;
        this.outputs = outputs;
        this.thread = thread;
        this.nodeKey = nodeKey;
        this.codec = codec;
    }

    // ---------------------------------------------------------------- start and recovery

    /** Rebuilds the state from the journal, then resumes timers and pending work; opens the head if configured. */
    public void start() {
        for (EventJournal.Entry entry : journal.entries()) {
            replay(entry);
        }
        if (phase == HeadPhase.OPEN) {
            requestSnapshotIfDue();
        } else if (phase == HeadPhase.CLOSED) {
            scheduleReadyToFanout();
        } else if (phase == HeadPhase.IDLE && config.startOpen() && headsOpened == 0) {
            open();
        }
    }

    private void replay(EventJournal.Entry entry) {
        if (!entry.isOutput()) {
            if ("TransactionAppliedToLocalUTxO".equals(entry.internal()) && phase == HeadPhase.OPEN) {
                TxVerdict.Valid effect = effectOf(entry.detail());
                local.apply(effect);
                pending.add(effect);
                oldestPendingAt = oldestPendingAt == null ? entry.timestamp() : oldestPendingAt;
            } else if ("DecommitRecorded".equals(entry.internal()) && phase == HeadPhase.OPEN) {
                pendingDecommit = effectOf(entry.detail());
                local.remove(pendingDecommit.consumed());
            }
            return;
        }
        if (entry.output() instanceof ServerOutput.SnapshotConfirmed snapshotConfirmed) {
            replaySnapshot(entry.seq(), snapshotConfirmed);
        } else {
            replayEffectsOf(entry.output());
        }
    }

    private void replaySnapshot(long seq, ServerOutput.SnapshotConfirmed snapshotConfirmed) {
        Snapshot snapshot = snapshotConfirmed.snapshot();
        Set<String> confirmedIds = new LinkedHashSet<>();
        Set<String> addresses = new LinkedHashSet<>();
        for (Transaction tx : snapshot.confirmed()) {
            TxVerdict.Valid effect = effectOf(tx.cborHex());
            confirmed.apply(effect);
            confirmedIds.add(effect.tx().txId());
            effect.produced().values().forEach(out -> addresses.add(out.address()));
        }
        pending.removeIf(p -> confirmedIds.contains(p.tx().txId()));
        oldestPendingAt = pending.isEmpty() ? null : oldestPendingAt;
        if (snapshot.utxoToCommit() != null && !snapshot.utxoToCommit().isEmpty()) {
            Map<TxIn, LedgerOutput> deposited = UtxoImport.toLedger(snapshot.utxoToCommit());
            confirmed.add(deposited);
            local.add(deposited);
        }
        if (snapshot.utxoToDecommit() != null && pendingDecommit != null) {
            confirmed.remove(pendingDecommit.consumed());
        }
        lastSnapshot = snapshot.utxo() == null ? snapshot : withoutUtxo(snapshot);
        lastSignatures = snapshotConfirmed.signatures();
        snapshotAddresses.put(seq, addresses);
    }

    /** The effect of a transaction that was already validated once: spend its inputs, add its outputs. */
    private TxVerdict.Valid effectOf(String cborHex) {
        DecodedTx tx;
        try {
            tx = TxDecoder.decode(cborHex);
        } catch (MalformedTxException e) {
            throw new IllegalStateException("the event log holds a transaction that does not decode: " + e.getMessage(), e);
        }
        Map<TxIn, LedgerOutput> produced = new LinkedHashMap<>();
        List<com.bloxbean.cardano.client.transaction.spec.TransactionOutput> decoded = tx.transaction().getBody().getOutputs();
        for (int i = 0; i < decoded.size(); i++) {
            produced.put(new TxIn(tx.txId(), i), LedgerOutput.of(tx.outputBytes().get(i), decoded.get(i)));
        }
        return new TxVerdict.Valid(tx, tx.inputs(), produced);
    }

    // ---------------------------------------------------------------- lifecycle

    public void onInit(ClientInput input) {
        if (phase != HeadPhase.IDLE) {
            rejectCommand(input);
            return;
        }
        open();
    }

    private void open() {
        journal.appendInternal("HeadInitialized", null);
        String newHeadId = HEX.formatHex(com.bloxbean.cardano.client.crypto.Blake2bUtil.blake2bHash224(
                ("fabric-devnet-head:" + config.nodeKeyName() + ":" + headsOpened).getBytes(StandardCharsets.UTF_8)));
        emit(new ServerOutput.HeadIsOpen(newHeadId, List.of(party())));
        if (!config.initialUtxo().isEmpty() && !initialUtxoCommitted) {
            recordDeposit(INITIAL_DEPOSIT_TX_ID, config.initialUtxo(), UtxoImport.toLedger(config.initialUtxo()));
        }
    }

    private void resetOpen(String newHeadId) {
        phase = HeadPhase.OPEN;
        headId = newHeadId;
        headSeed = HEX.formatHex(newHeadId.getBytes(StandardCharsets.US_ASCII));
        headsOpened++;
        version = 0;
        confirmed = new LedgerState();
        local = new LedgerState();
        pending.clear();
        oldestPendingAt = null;
        lastSnapshot = null;
        lastSignatures = null;
        deposits.clear();
        pendingDecommit = null;
        contestationDeadline = null;
        readyToFanoutSent = false;
    }

    public void onClose(ClientInput input) {
        if (phase != HeadPhase.OPEN) {
            rejectCommand(input);
            return;
        }
        if (input instanceof ClientInput.SafeClose && confirmed.entries().values().stream()
                .anyMatch(out -> out.output().getValue().getMultiAssets() != null && !out.output().getValue().getMultiAssets().isEmpty())) {
            rejectCommand(input);
            return;
        }
        emit(new ServerOutput.HeadIsClosed(headId, lastSnapshot == null ? 0 : lastSnapshot.number(),
                now().plus(config.contestationPeriod())));
        scheduleReadyToFanout();
    }

    private void enterClosed(Instant deadline) {
        phase = HeadPhase.CLOSED;
        contestationDeadline = deadline;
        readyToFanoutSent = false;
        // Transactions never confirmed in a snapshot do not survive a close; neither do unfinished deposits.
        pending.clear();
        oldestPendingAt = null;
        local = confirmed.copy();
        pendingDecommit = null;
        cancelSnapshotTimer();
        snapshotInFlight = false;
    }

    private void scheduleReadyToFanout() {
        long delay = Math.max(0, Duration.between(now(), contestationDeadline).toMillis());
        Instant deadline = contestationDeadline;
        thread.schedule(() -> {
            if (phase == HeadPhase.CLOSED && deadline.equals(contestationDeadline)) {
                emit(new ServerOutput.ReadyToFanout(headId));
            }
        }, delay, TimeUnit.MILLISECONDS);
    }

    /**
     * A single-party head has no newer snapshot to contest with; the devnet still answers with
     * {@code HeadIsContested} (and pushes the deadline by a contestation period, as 2.x does) so
     * clients can exercise their handling of it.
     */
    public void onContest(ClientInput input) {
        if (phase != HeadPhase.CLOSED || now().isAfter(contestationDeadline)) {
            rejectCommand(input);
            return;
        }
        emit(new ServerOutput.HeadIsContested(headId, lastSnapshot == null ? 0 : lastSnapshot.number(),
                contestationDeadline.plus(config.contestationPeriod())));
        scheduleReadyToFanout();
    }

    public void onFanout(ClientInput input) {
        if (phase != HeadPhase.FANOUT_POSSIBLE) {
            rejectCommand(input);
            return;
        }
        emit(new ServerOutput.HeadIsFinalized(headId, confirmed.toUtxo()));
    }

    private void enterIdle() {
        phase = HeadPhase.IDLE;
        confirmed = new LedgerState();
        local = new LedgerState();
        pending.clear();
        deposits.clear();
        lastSnapshot = null;
        lastSignatures = null;
        contestationDeadline = null;
    }

    // ---------------------------------------------------------------- transactions

    /** A decoded transaction from {@code NewTx} or {@code POST /transaction}. */
    public void onNewTx(DecodedTx tx, ClientInput input, CompletableFuture<SubmitTxResult> submission) {
        if (phase != HeadPhase.OPEN) {
            rejectCommand(input);
            if (submission != null) {
                submission.complete(new SubmitTxResult.SubmitTxInvalid("Head is not open"));
            }
            return;
        }
        if (submission != null) {
            submissions.computeIfAbsent(tx.txId(), id -> new ArrayList<>()).add(submission);
        }
        journal.appendInternal("TransactionReceived", tx.txId());
        if (rejectNext > 0) {
            rejectNext--;
            txInvalid(tx, "devnet fault injection: this transaction was rejected on purpose");
            return;
        }
        tryApply(tx, config.txRetries());
    }

    private void tryApply(DecodedTx tx, int retriesLeft) {
        if (phase != HeadPhase.OPEN) {
            return;
        }
        TxVerdict verdict = ledger.validate(tx, local, currentSlot());
        if (verdict instanceof TxVerdict.Valid valid) {
            local.apply(valid);
            pending.add(valid);
            if (oldestPendingAt == null) {
                oldestPendingAt = now();
            }
            journal.appendInternal("TransactionAppliedToLocalUTxO", HEX.formatHex(tx.cbor()));
            emit(new ServerOutput.TxValid(headId, tx.txId()));
            requestSnapshotIfDue();
        } else if (retriesLeft > 0) {
            // hydra-node waits for the UTxO to catch up (another party's tx may still be in flight)
            thread.schedule(() -> tryApply(tx, retriesLeft - 1), config.txRetryDelay().toNanos(), TimeUnit.NANOSECONDS);
        } else {
            txInvalid(tx, ((TxVerdict.Invalid) verdict).reason());
        }
    }

    private void txInvalid(DecodedTx tx, String reason) {
        emit(new ServerOutput.TxInvalid(headId, local.toUtxo(), Transaction.conway(HEX.formatHex(tx.cbor()), tx.txId()),
                new ValidationError(reason)));
    }

    public void onDecommit(DecodedTx tx, ClientInput input) {
        if (phase != HeadPhase.OPEN) {
            rejectCommand(input);
            return;
        }
        Transaction envelope = Transaction.conway(HEX.formatHex(tx.cbor()), tx.txId());
        if (pendingDecommit != null) {
            emit(new ServerOutput.DecommitInvalid(headId, envelope,
                    new DecommitInvalidReason.DecommitAlreadyInFlight(pendingDecommit.tx().txId())));
            return;
        }
        TxVerdict verdict = ledger.validate(tx, local, currentSlot());
        if (verdict instanceof TxVerdict.Invalid invalid) {
            emit(new ServerOutput.DecommitInvalid(headId, envelope,
                    new DecommitInvalidReason.DecommitTxInvalid(local.toUtxo(), new ValidationError(invalid.reason()))));
            return;
        }
        TxVerdict.Valid valid = (TxVerdict.Valid) verdict;
        pendingDecommit = valid;
        local.remove(valid.consumed());
        journal.appendInternal("DecommitRecorded", HEX.formatHex(tx.cbor()));
        emit(new ServerOutput.DecommitRequested(headId, envelope, LedgerState.of(valid.produced()).toUtxo()));
        requestSnapshotIfDue();
    }

    // ---------------------------------------------------------------- deposits

    /** {@code POST /commit}: records the deposit at once (the devnet has no L1 to wait for) and returns its draft. */
    public Transaction onCommit(Utxo utxoToCommit) throws CommitRejectedException {
        if (phase != HeadPhase.OPEN) {
            throw new CommitRejectedException("Head is not open");
        }
        if (utxoToCommit.isEmpty()) {
            throw new CommitRejectedException("DepositTooLow: nothing to deposit");
        }
        Map<TxIn, LedgerOutput> outputsToCommit;
        try {
            outputsToCommit = UtxoImport.toLedger(utxoToCommit);
        } catch (IllegalArgumentException e) {
            throw new CommitRejectedException("UnsupportedLegacyOutput: " + e.getMessage());
        }
        for (TxIn in : outputsToCommit.keySet()) {
            boolean pendingElsewhere = deposits.stream().anyMatch(d -> d.outputs().containsKey(in));
            if (local.contains(in) || confirmed.contains(in) || pendingElsewhere) {
                throw new CommitRejectedException("DepositTooLow: " + in + " is already in the head or being deposited");
            }
        }
        Transaction draft = DepositDrafts.draft(outputsToCommit);
        recordDeposit(draft.txId(), utxoToCommit, outputsToCommit);
        return draft;
    }

    private void recordDeposit(String depositTxId, Utxo utxo, Map<TxIn, LedgerOutput> outputsToCommit) {
        Instant deadline = now().plus(config.depositPeriod());
        emit(new ServerOutput.CommitRecorded(headId, utxo, depositTxId, deadline));
        emit(new ServerOutput.DepositActivated(headId, depositTxId, deadline, now()));
        requestSnapshotIfDue();
    }

    /** {@code DELETE /commits/<id>} or {@code Recover}: returns a deposit no snapshot has taken yet. */
    public boolean onRecover(String depositTxId) {
        Deposit deposit = deposits.stream().filter(d -> d.txId().equals(depositTxId)).findFirst().orElse(null);
        if (deposit == null || phase != HeadPhase.OPEN) {
            return false;
        }
        emit(new ServerOutput.CommitRecovered(headId, deposit.utxo(), depositTxId));
        return true;
    }

    public List<String> pendingDeposits() {
        return deposits.stream().map(Deposit::txId).toList();
    }

    // ---------------------------------------------------------------- snapshots

    private void requestSnapshotIfDue() {
        if (phase != HeadPhase.OPEN || snapshotInFlight) {
            return;
        }
        boolean depositReady = !deposits.isEmpty();
        if (pending.isEmpty() && !depositReady && pendingDecommit == null) {
            return;
        }
        Instant now = now();
        if (stallUntil != null && now.isBefore(stallUntil)) {
            scheduleSnapshotCheck(Duration.between(now, stallUntil));
            return;
        }
        SnapshotPolicy policy = config.snapshotPolicy();
        Duration waited = oldestPendingAt == null ? Duration.ZERO : Duration.between(oldestPendingAt, now);
        boolean due = depositReady || pendingDecommit != null || pending.size() >= policy.maxTxs()
                || waited.compareTo(policy.maxDelay()) >= 0;
        if (due) {
            requestSnapshot();
        } else {
            scheduleSnapshotCheck(policy.maxDelay().minus(waited));
        }
    }

    private void scheduleSnapshotCheck(Duration delay) {
        if (snapshotTimer != null && !snapshotTimer.isDone()) {
            return;
        }
        snapshotTimer = thread.schedule(() -> {
            snapshotTimer = null;
            requestSnapshotIfDue();
        }, Math.max(1, delay.toNanos()), TimeUnit.NANOSECONDS);
    }

    private void cancelSnapshotTimer() {
        if (snapshotTimer != null) {
            snapshotTimer.cancel(false);
            snapshotTimer = null;
        }
    }

    private void requestSnapshot() {
        cancelSnapshotTimer();
        int count = Math.min(pending.size(), config.snapshotPolicy().maxTxs());
        List<TxVerdict.Valid> txs = new ArrayList<>(pending.subList(0, count));
        Deposit deposit = pendingDecommit == null ? deposits.peekFirst() : null;
        TxVerdict.Valid decommit = pendingDecommit;
        snapshotInFlight = true;
        long number = (lastSnapshot == null ? 0 : lastSnapshot.number()) + 1;
        journal.appendInternal("SnapshotRequested", Long.toString(number));
        Duration delay = latency.sample(random);
        if (delay.isZero()) {
            confirmSnapshot(number, txs, deposit, decommit);
        } else {
            String forHead = headId;
            thread.schedule(() -> {
                if (phase == HeadPhase.OPEN && forHead.equals(headId)) {
                    confirmSnapshot(number, txs, deposit, decommit);
                }
            }, delay.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    private void confirmSnapshot(long number, List<TxVerdict.Valid> txs, Deposit deposit, TxVerdict.Valid decommit) {
        List<Transaction> envelopes = new ArrayList<>(txs.size());
        Set<String> addresses = new LinkedHashSet<>();
        for (TxVerdict.Valid tx : txs) {
            confirmed.apply(tx);
            envelopes.add(Transaction.conway(HEX.formatHex(tx.tx().cbor()), tx.tx().txId()));
            tx.produced().values().forEach(out -> addresses.add(out.address()));
        }
        pending.subList(0, txs.size()).clear();
        oldestPendingAt = pending.isEmpty() ? null : now();
        Utxo utxoToDecommit = null;
        if (decommit != null) {
            confirmed.remove(decommit.consumed());
            utxoToDecommit = LedgerState.of(decommit.produced()).toUtxo();
        }
        if (deposit != null) {
            confirmed.add(deposit.outputs());
            local.add(deposit.outputs());
        }
        journal.appendInternal("PartySignedSnapshot", Long.toString(number));
        Snapshot snapshot = new Snapshot(headId, version, number, envelopes, null,
                deposit == null ? null : deposit.utxo(), utxoToDecommit, null);
        MultiSignature signatures = new MultiSignature(List.of(HEX.formatHex(nodeKey.sign(signable(snapshot)))));
        ServerOutput.SnapshotConfirmed output = new ServerOutput.SnapshotConfirmed(headId, snapshot, signatures);
        EventJournal.Entry entry = journal.append(output);
        lastSnapshot = snapshot;
        lastSignatures = signatures;
        snapshotAddresses.put(entry.seq(), addresses);
        String withUtxo = null;
        if (outputs.wantsSnapshotUtxo()) {
            Snapshot full = new Snapshot(headId, version, number, envelopes, confirmed.toUtxo(),
                    snapshot.utxoToCommit(), utxoToDecommit, null);
            withUtxo = codec.encode(new dev.fabric.hydra.api.TimedServerOutput(entry.seq(), entry.timestamp(),
                    new ServerOutput.SnapshotConfirmed(headId, full, signatures)));
        }
        outputs.publish(entry, withUtxo, addresses);
        for (TxVerdict.Valid tx : txs) {
            settle(tx.tx().txId(), new SubmitTxResult.SubmitTxConfirmed(number));
        }
        if (deposit != null) {
            emit(new ServerOutput.CommitApproved(headId, deposit.utxo()));
            emit(new ServerOutput.CommitFinalized(headId, deposit.txId()));
        }
        if (decommit != null) {
            emit(new ServerOutput.DecommitApproved(headId, decommit.tx().txId(), utxoToDecommit));
            emit(new ServerOutput.DecommitFinalized(headId, utxoToDecommit));
        }
        snapshotInFlight = false;
        requestSnapshotIfDue();
    }

    /**
     * What the node key signs: the head id, version and number, then every confirmed transaction id
     * (hydra-node signs its own CBOR encoding of the snapshot, which the devnet does not reproduce).
     */
    private static byte[] signable(Snapshot snapshot) {
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        message.writeBytes(snapshot.headId().getBytes(StandardCharsets.US_ASCII));
        message.writeBytes(Long.toString(snapshot.version()).getBytes(StandardCharsets.US_ASCII));
        message.writeBytes(Long.toString(snapshot.number()).getBytes(StandardCharsets.US_ASCII));
        snapshot.confirmed().forEach(tx -> message.writeBytes(HEX.parseHex(tx.txId())));
        return message.toByteArray();
    }

    // ---------------------------------------------------------------- outputs

    private EventJournal.Entry emit(ServerOutput output) {
        EventJournal.Entry entry = journal.append(output);
        replayEffectsOf(output);
        outputs.publish(entry, null, Set.of());
        if (output instanceof ServerOutput.TxValid valid) {
            settle(valid.transactionId(), new SubmitTxResult.SubmitTxSubmitted());
        } else if (output instanceof ServerOutput.TxInvalid invalid) {
            settle(invalid.transaction().txId(), new SubmitTxResult.SubmitTxInvalid(invalid.validationError().reason()));
        }
        return entry;
    }

    /** Live outputs change the state exactly as replaying them does, so restart and live run agree. */
    private void replayEffectsOf(ServerOutput output) {
        if (output instanceof ServerOutput.HeadIsOpen open) {
            resetOpen(open.headId());
        } else if (output instanceof ServerOutput.CommitRecorded recorded) {
            deposits.add(new Deposit(recorded.pendingDeposit(), UtxoImport.toLedger(recorded.utxoToCommit()),
                    recorded.utxoToCommit(), recorded.deadline()));
            initialUtxoCommitted |= INITIAL_DEPOSIT_TX_ID.equals(recorded.pendingDeposit());
        } else if (output instanceof ServerOutput.CommitFinalized finalized) {
            deposits.removeIf(d -> d.txId().equals(finalized.depositTxId()));
            version++;
        } else if (output instanceof ServerOutput.CommitRecovered recovered) {
            deposits.removeIf(d -> d.txId().equals(recovered.recoveredTxId()));
        } else if (output instanceof ServerOutput.DecommitFinalized) {
            pendingDecommit = null;
            version++;
        } else if (output instanceof ServerOutput.HeadIsClosed closed) {
            enterClosed(closed.contestationDeadline());
        } else if (output instanceof ServerOutput.HeadIsContested contested) {
            contestationDeadline = contested.contestationDeadline();
        } else if (output instanceof ServerOutput.ReadyToFanout) {
            phase = HeadPhase.FANOUT_POSSIBLE;
            readyToFanoutSent = true;
        } else if (output instanceof ServerOutput.HeadIsFinalized) {
            enterIdle();
        }
    }

    /** Answers {@code POST /transaction} callers waiting on this transaction (the first event wins). */
    private void settle(String txId, SubmitTxResult result) {
        List<CompletableFuture<SubmitTxResult>> waiting = submissions.remove(txId);
        if (waiting != null) {
            waiting.forEach(f -> f.complete(result));
        }
    }

    /** Answers an input that does not apply in this state: {@code CommandFailed} to every client. */
    public void rejectCommand(ClientInput input) {
        outputs.broadcast(new ClientMessage.CommandFailed(input, headState()));
    }

    // ---------------------------------------------------------------- faults

    public void stallSnapshots(Duration duration) {
        stallUntil = now().plus(duration);
        LOG.infof("fault: snapshots stalled until %s", stallUntil);
        scheduleSnapshotCheck(duration);
    }

    public void rejectNextTransactions(int count) {
        rejectNext = count;
    }

    public void confirmationLatency(LatencyDistribution distribution) {
        latency = distribution;
    }

    public void clearFaults() {
        stallUntil = null;
        rejectNext = 0;
        latency = LatencyDistribution.NONE;
        requestSnapshotIfDue();
    }

    /** The fault switches as JSON, for {@code GET /devnet/faults}. */
    public com.fasterxml.jackson.databind.node.ObjectNode faultState() {
        var json = JsonNodeFactory.instance.objectNode();
        json.put("stalledUntil", stallUntil == null || now().isAfter(stallUntil) ? null : stallUntil.toString());
        json.put("rejectNext", rejectNext);
        json.put("confirmationLatency", latency.toString());
        return json;
    }

    // ---------------------------------------------------------------- queries

    public HeadPhase phase() {
        return phase;
    }

    public String headId() {
        return headId;
    }

    public long currentSlot() {
        return ledger.rules().timing().slotAtOrBefore(config.clock().millis());
    }

    public Set<String> snapshotAddresses(long seq) {
        return snapshotAddresses.getOrDefault(seq, Set.of());
    }

    /** Whether a head was ever opened (the snapshot endpoints answer 404 before that). */
    public boolean everOpened() {
        return headsOpened > 0;
    }

    public Utxo confirmedUtxo() {
        return confirmed.toUtxo();
    }

    public ConfirmedSnapshot confirmedSnapshot() {
        if (lastSnapshot == null) {
            return new ConfirmedSnapshot.InitialSnapshot(headId, Utxo.EMPTY);
        }
        Snapshot full = new Snapshot(lastSnapshot.headId(), lastSnapshot.version(), lastSnapshot.number(),
                lastSnapshot.confirmed(), confirmed.toUtxo(), lastSnapshot.utxoToCommit(), lastSnapshot.utxoToDecommit(),
                lastSnapshot.accumulator());
        return new ConfirmedSnapshot.Signed(full, lastSignatures);
    }

    public SeenSnapshot lastSeenSnapshot() {
        if (lastSnapshot == null) {
            return new SeenSnapshot.NoSeenSnapshot();
        }
        return snapshotInFlight
                ? new SeenSnapshot.RequestedSnapshot(lastSnapshot.number(), lastSnapshot.number() + 1)
                : new SeenSnapshot.LastSeenSnapshot(lastSnapshot.number());
    }

    public HeadState headState() {
        var chainState = JsonNodeFactory.instance.objectNode();
        chainState.put("currentSlot", currentSlot());
        HeadParameters parameters = new HeadParameters(config.contestationPeriod(), List.of(party()));
        return switch (phase) {
            case IDLE -> new HeadState.Idle(new HeadState.IdleState(chainState));
            case OPEN -> {
                Map<String, Transaction> allTxs = new LinkedHashMap<>();
                List<Transaction> localTxs = new ArrayList<>();
                for (TxVerdict.Valid tx : pending) {
                    Transaction envelope = Transaction.conway(HEX.formatHex(tx.tx().cbor()), tx.tx().txId());
                    localTxs.add(envelope);
                    allTxs.put(tx.tx().txId(), envelope);
                }
                yield new HeadState.Open(new HeadState.OpenState(parameters,
                        new HeadState.CoordinatedHeadState(local.toUtxo(), localTxs, allTxs, confirmedSnapshot(),
                                lastSeenSnapshot(), deposits.isEmpty() ? null : deposits.peekFirst().txId(),
                                pendingDecommit == null ? null : Transaction.conway(
                                        HEX.formatHex(pendingDecommit.tx().cbor()), pendingDecommit.tx().txId()),
                                version),
                        chainState, headId, headSeed));
            }
            case CLOSED, FANOUT_POSSIBLE -> new HeadState.Closed(new HeadState.ClosedState(parameters, confirmedSnapshot(),
                    contestationDeadline, readyToFanoutSent, chainState, headId, headSeed, version, null, null));
        };
    }

    public Greetings greetings(boolean withSnapshotUtxo) {
        Environment env = new Environment(party(), List.of(), List.of(nodeKey.keyHash()), config.contestationPeriod(),
                config.depositPeriod(), null, config.contestationPeriod().dividedBy(2), "");
        return new Greetings(party(), phase.status().wire(), phase == HeadPhase.IDLE ? null : headId,
                withSnapshotUtxo && phase != HeadPhase.IDLE ? confirmed.toUtxo() : null, null,
                DevnetConfig.HYDRA_NODE_VERSION, env, new NetworkInfo(true, Map.of()), "InSync", currentSlot());
    }

    public Party party() {
        return new Party(nodeKey.vkeyHex());
    }

    private Instant now() {
        return config.clock().instant();
    }

    private static Snapshot withoutUtxo(Snapshot snapshot) {
        return new Snapshot(snapshot.headId(), snapshot.version(), snapshot.number(), snapshot.confirmed(), null,
                snapshot.utxoToCommit(), snapshot.utxoToDecommit(), snapshot.accumulator());
    }
}
