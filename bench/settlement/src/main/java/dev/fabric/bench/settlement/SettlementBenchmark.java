package dev.fabric.bench.settlement;

import dev.fabric.bench.report.BenchOptions;
import com.bloxbean.cardano.client.api.model.Utxo;
import com.bloxbean.cardano.client.common.model.Network;
import com.bloxbean.cardano.client.common.model.Networks;
import com.bloxbean.cardano.client.crypto.Blake2bUtil;
import com.bloxbean.cardano.client.crypto.SecretKey;
import dev.fabric.bench.report.BenchSummary;
import dev.fabric.bench.report.Goal;
import dev.fabric.devnet.HydraDevnet;
import dev.fabric.devnet.head.DevnetConfig;
import dev.fabric.devnet.head.SnapshotPolicy;
import dev.fabric.hydra.api.SubmitTxResult;
import dev.fabric.hydra.api.Transaction;
import dev.fabric.hydra.api.TxIn;
import dev.fabric.hydra.api.TxOut;
import dev.fabric.hydra.api.Value;
import dev.fabric.hydra.client.HydraHttpClient;
import dev.fabric.plutus.datum.BidDatum;
import dev.fabric.plutus.datum.Mode;
import dev.fabric.plutus.datum.OfferDatum;
import dev.fabric.plutus.datum.OutRef;
import dev.fabric.plutus.datum.Request;
import dev.fabric.plutus.datum.Resources;
import dev.fabric.plutus.eval.EvaluationResult;
import dev.fabric.plutus.eval.ScriptEvaluator;
import dev.fabric.plutus.eval.SlotTiming;
import dev.fabric.plutus.params.ProtocolParameters;
import dev.fabric.plutus.tx.FabricTransactions;
import dev.fabric.plutus.tx.SignedTransaction;
import dev.fabric.plutus.tx.SigningKey;
import dev.fabric.plutus.tx.TransactionDraft;
import dev.fabric.settlement.adapter.ArbiterWallet;
import dev.fabric.settlement.adapter.HeadActivity;
import dev.fabric.plutus.head.HeadUtxos;
import dev.fabric.settlement.adapter.HeadSession;
import dev.fabric.settlement.adapter.HeadUnavailableException;
import dev.fabric.settlement.adapter.HeadUtxoView;
import dev.fabric.settlement.adapter.HydraHead;
import dev.fabric.settlement.domain.AwardMode;
import dev.fabric.settlement.domain.Decision;
import dev.fabric.settlement.domain.HeadAnswer;
import dev.fabric.settlement.domain.SourcePosition;
import dev.fabric.testkit.ConsoleLogging;
import java.lang.management.ManagementFactory;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * Settlement's Award path on a devnet: for pre-opened auction bids with one offer each, the head
 * adapter reads the bid and offer from the head's UTxO, builds the Award (reference scripts),
 * evaluates its two scripts in the JVM, signs it as the arbiter and submits it with
 * {@code POST /transaction}. Measured:
 * <ul>
 *   <li>offline: the cost of build / script evaluation / evaluate+sign per transaction, one thread
 *       and in parallel (settlement's own CPU, no head involved);</li>
 *   <li>on the devnet: awards taken by the head per second with 1..n workers (one worker is one
 *       stream thread of the service), and the rate at which they are confirmed;</li>
 *   <li>the head alone, as the baseline of the on-devnet rate: as many other Awards, built and
 *       signed beforehand, POSTed by the same number of workers (the devnet's own ceiling for
 *       these transactions on this machine).</li>
 * </ul>
 * The devnet runs in this JVM and validates every Award itself (phase 1 and both scripts again),
 * so the on-devnet rate shares the machine's cores with the head; a real hydra-node does that work
 * on its own machine.
 *
 * <pre>--awards N --warmup N --threads 1,2,4 --policy batch:100:10 --offline N</pre>
 */
public final class SettlementBenchmark {

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(SettlementBenchmark.class);
    private static final long ADA = 1_000_000L;
    private static final Network NETWORK = Networks.testnet();
    private static final SigningKey ARBITER = key("bench-settlement-arbiter");
    private static final SigningKey APP = key("bench-settlement-app");
    private static final SigningKey OPERATOR = key("bench-settlement-operator");
    private static final String ARBITER_GENESIS = "b1".repeat(32);
    private static final String APP_GENESIS = "b2".repeat(32);
    private static final String OPERATOR_GENESIS = "b3".repeat(32);
    private static final long PRICE = 12 * ADA;

    private SettlementBenchmark() {
    }

    /** One pre-opened bid with its offer, as the head's UTxO lists them. */
    private record Market(Decision decision, Utxo bid, Utxo offer) {
    }

    /**
     * The session the wallet would build, without a head: the L2 parameters, reference scripts and
     * collateral at made-up outputs. The evaluator resolves reference scripts by hash, so the
     * transactions and their evaluation are exactly those of the head run.
     */
    private static HeadSession offlineSession(SlotTiming timing) {
        ProtocolParameters parameters = ProtocolParameters.l2Default();
        Map<String, Utxo> references = new LinkedHashMap<>();
        int index = 0;
        for (var script : dev.fabric.plutus.blueprint.FabricScripts.validators().all()) {
            Utxo holder = utxo("c1".repeat(32), index++, ARBITER, 30 * ADA);
            holder.setReferenceScriptHash(script.scriptHash());
            references.put(script.scriptHash(), holder);
        }
        return new HeadSession(ARBITER, parameters, timing, new ScriptEvaluator(parameters, timing),
                new FabricTransactions(parameters, timing, NETWORK).withReferenceScripts(references),
                utxo("c2".repeat(32), 0, ARBITER, 20 * ADA), references);
    }

    /** Bids and offers that exist only in the benchmark's imagination (for the offline phase). */
    private static List<Market> imaginedMarkets(HeadSession session, int count) {
        long now = System.currentTimeMillis();
        List<Market> markets = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            BidDatum bid = bidDatum(now);
            SignedTransaction open = session.transactions().openBid(List.of(utxo(APP_GENESIS, i, APP, 100 * ADA)), bid,
                    Optional.empty(), APP).complete(session.evaluator());
            Utxo bidUtxo = output(open, 0, bid.toPlutusData().serializeToHex());
            OfferDatum offer = offerDatum(open.txId(), now);
            SignedTransaction made = session.transactions().makeOffer(List.of(utxo(OPERATOR_GENESIS, i, OPERATOR, 10 * ADA)), offer,
                    OPERATOR).complete(session.evaluator());
            Utxo offerUtxo = output(made, 0, offer.toPlutusData().serializeToHex());
            markets.add(new Market(decision(i, open.txId(), made.txId(), now), bidUtxo, offerUtxo));
        }
        return markets;
    }

    private static Utxo output(SignedTransaction tx, int index, String inlineDatumHex) {
        try {
            var out = com.bloxbean.cardano.client.transaction.spec.Transaction.deserialize(tx.cbor()).getBody().getOutputs().get(index);
            return new Utxo(tx.txId(), index, out.getAddress(),
                    List.of(new com.bloxbean.cardano.client.api.model.Amount("lovelace", out.getValue().getCoin())), null,
                    inlineDatumHex, null);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static void main(String[] args) throws Exception {
        BenchOptions options = BenchOptions.parse(args);
        int awards = options.integer("--awards", 2000);
        int warmup = options.integer("--warmup", 300);
        int offline = options.integer("--offline", 3000);
        List<Integer> threads = options.integers("--threads", "1,2,4");
        String policy = options.text("--policy", "batch:100:10");
        // each worker count runs twice: settlement's award path, then the head alone on pre-signed awards
        int bids = warmup + 2 * awards * threads.size();
        if (bids > 65_000) {
            throw new IllegalArgumentException("at most 65000 bids in one run (output indexes are 16 bits)");
        }

        System.out.printf("machine: %d cores, java %s, max heap %d MiB, load %s%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), Runtime.getRuntime().maxMemory() / (1 << 20), load());
        List<String> rows = new ArrayList<>();
        java.nio.file.Path out = java.nio.file.Path.of(options.text("--out", "target"));
        options.requireAllRead();
        ConsoleLogging.configure();   // the in-process devnet and the diagnostics below log somewhere, at INFO
        BenchSummary summary = new BenchSummary("settlement").notes(String.format("--awards %d --warmup %d --offline %d --threads %s --policy %s",
                awards, warmup, offline, threads, policy));
        DevnetConfig config = DevnetConfig.defaults().withInitialUtxo(funding(bids))
                .withSnapshotPolicy(SnapshotPolicy.parse(policy)).withTxRetries(5, Duration.ofMillis(20));
        SlotTiming timing = SlotTiming.devnet(config.systemStart().toEpochMilli());

        if (offline > 0) {
            HeadSession session = offlineSession(timing);
            List<Market> imagined = imaginedMarkets(session, offline);
            offline(session, imagined.subList(0, offline / 2), List.of(), false);
            rows.addAll(offline(session, imagined, threads, true));
        }
        if (awards == 0) {
            printRows(rows, out);
            summary.write(out.resolve(BenchSummary.FILE_NAME));
            return;
        }

        System.out.printf("%narbiter %s; %d bids on the devnet (%d warm-up, %d x %s threads), snapshot policy %s, load %s%n",
                ARBITER.keyHash(), bids, warmup, awards, threads, policy, load());
        try (HydraDevnet devnet = HydraDevnet.start(config);
             SnapshotWatch confirmations = SnapshotWatch.attach(devnet.webSocketUri())) {
            HydraHttpClient http = new HydraHttpClient(devnet.httpUri());
            List<Market> markets = openMarkets(devnet, http, timing, bids);

            HeadUtxoView view = new HeadUtxoView(http, Clock.systemUTC(), Duration.ofMillis(250));
            ArbiterWallet wallet = new ArbiterWallet(ARBITER, NETWORK, http, view, timing, 5 * ADA, Clock.systemUTC(), Duration.ofMinutes(1));
            ready(wallet);
            view.refresh();
            HydraHead head = new HydraHead(wallet, view, http, Duration.ofMinutes(30), HeadActivity.NONE);

            onDevnet(devnet, head, markets.subList(0, warmup), 2, null, confirmations, null);
            int from = warmup;
            for (int t : threads) {
                double settled = onDevnet(devnet, head, markets.subList(from, from + awards), t, rows, confirmations, summary);
                from += awards;
                double ceiling = headCeiling(devnet, http, wallet.session(), markets.subList(from, from + awards), t, rows);
                from += awards;
                summary.figure("awards/s confirmed through settlement, " + t + " worker" + (t == 1 ? "" : "s") + ", against the head alone",
                        "awards/s", settled, "head alone: pre-signed awards POSTed, same workers", ceiling, Goal.NONE);
                // the goal: settlement not the bottleneck, >= 1,000 awards/s built, signed, evaluated and submitted
                summary.figure("settlement's capacity (read + build + evaluate + sign + POST, from its CPU), " + t + " worker"
                                + (t == 1 ? "" : "s") + ", against the head alone", "awards/s", SETTLEMENT_CAPACITY.get(t),
                        "head alone: pre-signed awards confirmed, same workers", ceiling, Goal.valueAtLeast(1_000).andRatioAtLeast(1.0));
            }
            BigInteger total = devnet.confirmedUtxo().totalLovelace();
            System.out.printf("%nlovelace on the head: %s (opened with %s) - %s%n", total, config.initialUtxo().totalLovelace(),
                    total.equals(config.initialUtxo().totalLovelace()) ? "conserved" : "NOT CONSERVED");
        }
        printRows(rows, out);
        summary.write(out.resolve(BenchSummary.FILE_NAME));
    }

    private static void printRows(List<String> rows, java.nio.file.Path out) throws java.io.IOException {
        StringBuilder table = new StringBuilder("| phase | threads | awards | awards/s | p50 ms | p99 ms | CPU µs/award | notes |\n")
                .append("|---|---|---|---|---|---|---|---|\n");
        rows.forEach(r -> table.append(r).append('\n'));
        System.out.println();
        System.out.println(table);
        java.nio.file.Files.createDirectories(out);
        java.nio.file.Files.writeString(out.resolve("settlement-bench.md"), table);
    }

    private static final java.lang.management.ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final int CORES = Runtime.getRuntime().availableProcessors();
    /** Awards/s the cores would give settlement's award path alone, from its worker threads' CPU on the devnet. */
    private static final Map<Integer, Double> SETTLEMENT_CAPACITY = new java.util.concurrent.ConcurrentHashMap<>();

    /** Offline awards/s by worker count: the same-run baseline of the on-devnet rate (settlement alone, no head). */
    private static final Map<Integer, Double> OFFLINE_RATE = new java.util.concurrent.ConcurrentHashMap<>();

    private static BidDatum bidDatum(long now) {
        return new BidDatum(APP.keyHash(), new Request(2000, 4096, 20, 0, 3600, Optional.empty(), "ab".repeat(32)),
                5 * ADA, 30 * ADA, new Mode.Auction(60_000), now + 7_200_000, Optional.of(ARBITER.keyHash()), List.of());
    }

    private static OfferDatum offerDatum(String bidTxId, long now) {
        return new OfferDatum(new OutRef(bidTxId, 0), OPERATOR.keyHash(), PRICE, new Resources(4000, 8192, 50, 0), now + 7_200_000);
    }

    private static Decision decision(int i, String bidTxId, String offerTxId, long now) {
        return new Decision("bench-" + i, bidTxId + "#0", AwardMode.AUCTION, OPERATOR.keyHash().hex(), Optional.of(offerTxId + "#0"),
                PRICE, APP.keyHash().hex(), Optional.of(ARBITER.keyHash().hex()), Optional.empty(), Instant.ofEpochMilli(now),
                Instant.ofEpochMilli(now).plusSeconds(300), new SourcePosition("bench", 0, i));
    }

    // ------------------------------------------------------------------ offline: settlement's own cost

    /** @param report false for the warm-up pass (JIT), whose figures are dropped */
    private static List<String> offline(HeadSession session, List<Market> markets, List<Integer> threads, boolean report) {
        Histogram build = new Histogram(3);
        Histogram evaluate = new Histogram(3);
        Histogram complete = new Histogram(3);
        int size = 0;
        long mem = 0;
        long steps = 0;
        for (Market market : markets) {
            long t0 = System.nanoTime();
            TransactionDraft draft = draft(session, market);
            long t1 = System.nanoTime();
            EvaluationResult result = draft.evaluate(session.evaluator());
            long t2 = System.nanoTime();
            SignedTransaction signed = draft.complete(session.evaluator());
            long t3 = System.nanoTime();
            if (!(result instanceof EvaluationResult.Success success)) {
                throw new IllegalStateException("award rejected: " + ((EvaluationResult.Failure) result).describe());
            }
            build.recordValue((t1 - t0) / 1000);
            evaluate.recordValue((t2 - t1) / 1000);
            complete.recordValue((t3 - t2) / 1000);
            size = signed.sizeBytes();
            mem = success.totalMemory();
            steps = success.totalSteps();
        }
        if (!report) {
            return List.of();
        }
        System.out.printf("%noffline, one thread, %d awards (%d bytes each, scripts use %d mem / %d steps):%n", markets.size(), size, mem, steps);
        System.out.println("| step | mean µs | p50 µs | p99 µs |");
        System.out.println("|---|---|---|---|");
        for (var entry : List.of(Map.entry("build draft", build), Map.entry("evaluate scripts (bid.Award + offer.Use)", evaluate),
                Map.entry("complete: evaluate + set units + sign + serialize", complete))) {
            Histogram h = entry.getValue();
            System.out.printf("| %s | %.0f | %d | %d |%n", entry.getKey(), h.getMean(), h.getValueAtPercentile(50), h.getValueAtPercentile(99));
        }

        List<String> rows = new ArrayList<>();
        for (int t : threads) {
            ExecutorService pool = Executors.newFixedThreadPool(t);
            long cpu0 = processCpuNanos();
            long start = System.nanoTime();
            List<CompletableFuture<SignedTransaction>> done = new ArrayList<>();
            for (Market market : markets) {
                done.add(CompletableFuture.supplyAsync(() -> draft(session, market).complete(session.evaluator()), pool));
            }
            done.forEach(CompletableFuture::join);
            long elapsed = System.nanoTime() - start;
            long cpu = processCpuNanos() - cpu0;
            pool.shutdown();
            OFFLINE_RATE.put(t, markets.size() / (elapsed / 1e9));
            rows.add(String.format("| offline: build + evaluate + sign | %d | %d | %.0f | | | %.0f | no head |", t, markets.size(),
                    markets.size() / (elapsed / 1e9), cpu / 1e3 / markets.size()));
        }
        return rows;
    }

    private static TransactionDraft draft(HeadSession session, Market market) {
        long from = market.decision().decidedAt().minusSeconds(60).toEpochMilli();
        long until = market.decision().decidedAt().plus(Duration.ofMinutes(30)).toEpochMilli();
        return session.transactions().award(market.bid(), market.offer(), session.arbiter(), session.collateral(), from, until);
    }

    // ------------------------------------------------------------------ on the devnet

    /** @return awards confirmed per second (NaN for the warm-up, which reports nothing) */
    private static double onDevnet(HydraDevnet devnet, HydraHead head, List<Market> markets, int threads, List<String> rows,
                                   SnapshotWatch confirmations, BenchSummary summary) throws InterruptedException {
        Map<String, Long> submittedAt = new java.util.concurrent.ConcurrentHashMap<>();
        Histogram latency = new Histogram(3);
        Submitted run = submitAll(devnet, markets, threads, market -> {
            long t0 = System.nanoTime();
            HeadAnswer answer = head.submitAward(market.decision(), Instant.now());
            long t1 = System.nanoTime();
            if (!(answer instanceof HeadAnswer.Accepted accepted)) {
                LOG.warnf("award of bid %s not taken by the head: %s", market.decision().bidRef(), answer);
                return null;
            }
            submittedAt.put(accepted.tx().txId(), t0);
            synchronized (latency) {
                latency.recordValue((t1 - t0) / 1000);
            }
            return accepted.tx().txId();
        });
        Histogram toConfirmed = confirmations.since(submittedAt, Duration.ofSeconds(10));
        if (rows == null) {
            LOG.infof("warm-up: %d awards taken, %d refused", run.taken(), run.refused());
            return Double.NaN;
        }
        rows.add(String.format("| devnet: read UTxO + build + evaluate + sign + POST /transaction (202) | %d | %d | %.0f | %.1f | %.1f | %.0f | %d refused; CPU includes the devnet's own validation |",
                threads, run.taken(), run.takenPerSecond(), latency.getValueAtPercentile(50) / 1e3,
                latency.getValueAtPercentile(99) / 1e3, run.processCpuMicrosEach(), run.refused()));
        rows.add(String.format("| devnet: ... until confirmed in a snapshot | %d | %d | %.0f | %.1f | %.1f | | first submit to last confirmation; latency submit → SnapshotConfirmed |",
                threads, run.taken(), run.confirmedPerSecond(), toConfirmed.getValueAtPercentile(50) / 1e3,
                toConfirmed.getValueAtPercentile(99) / 1e3));
        // settlement and the head share the cores here: the goal is judged on settlement's capacity (main)
        summary.figure("awards/s confirmed, settlement and the head on the same cores, " + threads + " worker" + (threads == 1 ? "" : "s"),
                "awards/s", run.confirmedPerSecond(), "offline build + evaluate + sign awards/s, same workers",
                OFFLINE_RATE.getOrDefault(threads, Double.NaN), Goal.NONE);
        summary.latency("settlement award→confirmed, " + threads + " worker" + (threads == 1 ? "" : "s"), toConfirmed, 1000);
        // settlement's own CPU: its worker threads (read UTxO, build, evaluate, sign, POST), not the devnet's
        double capacity = CORES * 1e6 / run.workersCpuMicrosEach();
        rows.add(String.format("| settlement's own CPU (its worker threads: read UTxO + build + evaluate + sign + POST) | %d | %d | %.0f | | | %.0f | awards/s the %d cores would give settlement alone |",
                threads, run.taken(), capacity, run.workersCpuMicrosEach(), CORES));
        SETTLEMENT_CAPACITY.put(threads, capacity);
        return run.confirmedPerSecond();
    }

    /**
     * The head's own ceiling for these transactions on this machine: the same Awards, built,
     * evaluated and signed before the clock starts, only POSTed by the same number of workers. What
     * settlement reaches against it says whether settlement or the head is the bottleneck.
     *
     * @return awards confirmed per second
     */
    private static double headCeiling(HydraDevnet devnet, HydraHttpClient http, HeadSession session, List<Market> markets, int threads,
                                      List<String> rows) throws InterruptedException {
        List<SignedTransaction> signed = new ArrayList<>();
        for (Market market : markets) {
            signed.add(draft(session, market).complete(session.evaluator()));
        }
        Submitted run = submitAll(devnet, signed, threads, tx -> {
            SubmitTxResult result = http.submitTransaction(Transaction.conway(tx.cborHex(), tx.txId()));
            if (result instanceof SubmitTxResult.SubmitTxSubmitted || result instanceof SubmitTxResult.SubmitTxConfirmed) {
                return tx.txId();
            }
            LOG.warnf("pre-signed award %s not taken by the head: %s", tx.txId(), result);
            return null;
        });
        rows.add(String.format("| head alone: pre-signed Awards, POST /transaction (202) | %d | %d | %.0f | | | %.0f | %d refused; the devnet's validation and HTTP only |",
                threads, run.taken(), run.takenPerSecond(), run.processCpuMicrosEach(), run.refused()));
        rows.add(String.format("| head alone: ... until confirmed in a snapshot | %d | %d | %.0f | | | | the head's ceiling for Awards on this machine |",
                threads, run.taken(), run.confirmedPerSecond()));
        return run.confirmedPerSecond();
    }

    /** One submission phase: transactions the head took (202) and refused, and the time and CPU it took. */
    private record Submitted(int taken, int refused, long submittedNanos, long confirmedNanos, long processCpuNanos,
                             long workersCpuNanos) {
        double takenPerSecond() {
            return taken / (submittedNanos / 1e9);
        }

        double confirmedPerSecond() {
            return taken / (confirmedNanos / 1e9);
        }

        double processCpuMicrosEach() {
            return processCpuNanos / 1e3 / Math.max(1, taken);
        }

        double workersCpuMicrosEach() {
            return workersCpuNanos / 1e3 / Math.max(1, taken);
        }
    }

    /**
     * Submits every item on {@code threads} workers taking them in order ({@code submit} returns the id of
     * a transaction the head took, or null), then waits until the head confirmed all it took. Times run
     * from the first submission to the last one taken and to the last confirmation.
     */
    private static <T> Submitted submitAll(HydraDevnet devnet, List<T> items, int threads,
                                           java.util.function.Function<T, String> submit) throws InterruptedException {
        ConcurrentLinkedQueue<T> queue = new ConcurrentLinkedQueue<>(items);
        Set<String> taken = java.util.concurrent.ConcurrentHashMap.newKeySet();
        AtomicInteger refused = new AtomicInteger();
        AtomicLong lastTaken = new AtomicLong();
        AtomicLong workersCpu = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long cpu0 = processCpuNanos();
        long start = System.nanoTime();
        for (int w = 0; w < threads; w++) {
            pool.execute(() -> {
                long workerCpu0 = THREADS.getCurrentThreadCpuTime();
                T item;
                while ((item = queue.poll()) != null) {
                    String txId = submit.apply(item);
                    if (txId == null) {
                        refused.incrementAndGet();
                    } else {
                        taken.add(txId);
                        lastTaken.accumulateAndGet(System.nanoTime(), Math::max);
                    }
                }
                workersCpu.addAndGet(THREADS.getCurrentThreadCpuTime() - workerCpu0);
            });
        }
        pool.shutdown();
        pool.awaitTermination(30, TimeUnit.MINUTES);
        long submitted = lastTaken.get() - start;
        long cpu = processCpuNanos() - cpu0;
        awaitConfirmed(devnet, taken);
        return new Submitted(taken.size(), refused.get(), submitted, System.nanoTime() - start, cpu, workersCpu.get());
    }

    private static void awaitConfirmed(HydraDevnet devnet, Set<String> txIds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        while (System.nanoTime() < deadline) {
            Set<String> present = new HashSet<>();
            devnet.confirmedUtxo().outputs().keySet().forEach(in -> present.add(in.txId()));
            if (present.containsAll(txIds)) {
                return;
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("awards not confirmed within 10 minutes");
    }

    // ------------------------------------------------------------------ the market

    private static dev.fabric.hydra.api.Utxo funding(int bids) {
        Map<TxIn, TxOut> outputs = new LinkedHashMap<>();
        for (int i = 0; i < 3; i++) {
            outputs.put(new TxIn(ARBITER_GENESIS, i), TxOut.of(address(ARBITER), Value.lovelace(1000 * ADA)));
        }
        for (int i = 0; i < bids; i++) {
            outputs.put(new TxIn(APP_GENESIS, i), TxOut.of(address(APP), Value.lovelace(100 * ADA)));
            outputs.put(new TxIn(OPERATOR_GENESIS, i), TxOut.of(address(OPERATOR), Value.lovelace(10 * ADA)));
        }
        return new dev.fabric.hydra.api.Utxo(outputs);
    }

    /** Opens one auction bid and one offer per market (not measured), and waits for the head to confirm them. */
    private static List<Market> openMarkets(HydraDevnet devnet, HydraHttpClient http, SlotTiming timing, int bids) throws Exception {
        ProtocolParameters parameters = ProtocolParameters.l2Default();
        FabricTransactions txs = new FabricTransactions(parameters, timing, NETWORK);
        ScriptEvaluator evaluator = new ScriptEvaluator(parameters, timing);
        long now = System.currentTimeMillis();
        long opening = System.nanoTime();
        Semaphore window = new Semaphore(50); // the HTTP/2 connection caps concurrent streams
        List<CompletableFuture<SubmitTxResult>> answers = new ArrayList<>();
        List<Market> markets = new ArrayList<>();
        for (int i = 0; i < bids; i++) {
            BidDatum bid = bidDatum(now);
            SignedTransaction open = txs.openBid(List.of(utxo(APP_GENESIS, i, APP, 100 * ADA)), bid, Optional.empty(), APP)
                    .complete(evaluator);
            OfferDatum offer = offerDatum(open.txId(), now);
            SignedTransaction made = txs.makeOffer(List.of(utxo(OPERATOR_GENESIS, i, OPERATOR, 10 * ADA)), offer, OPERATOR)
                    .complete(evaluator);
            for (SignedTransaction tx : List.of(open, made)) {
                window.acquire();
                answers.add(http.submitTransactionAsync(Transaction.conway(tx.cborHex(), tx.txId()))
                        .whenComplete((result, error) -> window.release()));
            }
            markets.add(new Market(decision(i, open.txId(), made.txId(), now), null, null));
        }
        for (CompletableFuture<SubmitTxResult> answer : answers) {
            SubmitTxResult result = answer.join();
            if (!(result instanceof SubmitTxResult.SubmitTxSubmitted || result instanceof SubmitTxResult.SubmitTxConfirmed)) {
                throw new IllegalStateException("setup transaction refused: " + result);
            }
        }
        Set<String> wanted = new HashSet<>();
        markets.forEach(m -> {
            wanted.add(m.decision().bidRef().substring(0, 64));
            wanted.add(m.decision().offerRef().orElseThrow().substring(0, 64));
        });
        awaitConfirmed(devnet, wanted);
        Map<TxIn, TxOut> utxo = devnet.confirmedUtxo().outputs();
        List<Market> resolved = new ArrayList<>();
        for (Market m : markets) {
            TxIn bidIn = TxIn.parse(m.decision().bidRef());
            TxIn offerIn = TxIn.parse(m.decision().offerRef().orElseThrow());
            resolved.add(new Market(m.decision(), HeadUtxos.toUtxo(bidIn, utxo.get(bidIn)), HeadUtxos.toUtxo(offerIn, utxo.get(offerIn))));
        }
        System.out.printf("opened %d bids and %d offers on the devnet in %d ms (not measured)%n", bids, bids,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - opening));
        return resolved;
    }

    private static void ready(ArbiterWallet wallet) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (true) {
            try {
                wallet.session();
                return;
            } catch (HeadUnavailableException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }

    private static Utxo utxo(String txId, int index, SigningKey owner, long lovelace) {
        return new Utxo(txId, index, address(owner),
                List.of(new com.bloxbean.cardano.client.api.model.Amount("lovelace", BigInteger.valueOf(lovelace))), null, null, null);
    }

    private static String address(SigningKey key) {
        return key.address(NETWORK).toBech32();
    }

    private static SigningKey key(String name) {
        try {
            return SigningKey.of(SecretKey.create(Blake2bUtil.blake2bHash256(("fabric-devnet:" + name).getBytes(StandardCharsets.UTF_8))));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (Exception e) {
            return "?";
        }
    }
}
