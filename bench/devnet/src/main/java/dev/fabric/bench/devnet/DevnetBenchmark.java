package dev.fabric.bench.devnet;

import dev.fabric.bench.report.BenchOptions;
import com.bloxbean.cardano.client.common.model.Networks;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fabric.bench.report.BenchSummary;
import dev.fabric.bench.report.Goal;
import dev.fabric.devnet.HydraDevnet;
import dev.fabric.devnet.head.DevnetConfig;
import dev.fabric.devnet.head.SnapshotPolicy;
import dev.fabric.devnet.wallet.DevnetKey;
import dev.fabric.devnet.wallet.SignedTx;
import dev.fabric.devnet.wallet.TxDraft;
import dev.fabric.hydra.api.TxIn;
import dev.fabric.hydra.api.TxOut;
import dev.fabric.hydra.api.Utxo;
import dev.fabric.hydra.api.Value;
import dev.fabric.plutus.blueprint.FabricScripts;
import dev.fabric.plutus.datum.BidDatum;
import dev.fabric.plutus.datum.BidRedeemer;
import dev.fabric.plutus.datum.KeyHash;
import dev.fabric.plutus.datum.Mode;
import dev.fabric.plutus.datum.Request;
import dev.fabric.plutus.params.ProtocolParameters;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.HdrHistogram.Histogram;

/**
 * Sustained throughput of the devnet with one WebSocket client: simple payments, then Plutus bid
 * spends (Cancel, the bid validator run by the Scalus evaluator). Every transaction is generated
 * and signed with cardano-client-lib before the clock starts; the client keeps a bounded window of
 * unconfirmed transactions in flight and measures NewTx → SnapshotConfirmed per transaction.
 *
 * <pre>--txs N --warmup N --script-txs N --window N --policies per-tx,batch:100:10</pre>
 */
public final class DevnetBenchmark {

    private static final long ADA = 1_000_000;
    private static final DevnetKey ALICE = DevnetKey.fromName("bench-alice");
    private static final DevnetKey BOB = DevnetKey.fromName("bench-bob");
    private static final ObjectMapper JSON = new ObjectMapper();

    private DevnetBenchmark() {
    }

    /**
     * @param cpuMicrosPerTx process CPU time (devnet and client together) per measured transaction: what
     *                       the figures cost independent of other load on the machine
     */
    record Result(String scenario, String policy, int txs, double txPerSecond, double p50Ms, double p99Ms, double maxMs,
                  int snapshots, int invalid, double cpuMicrosPerTx, double loadAverage, Histogram latencyMicros) {
        String row() {
            return String.format("| %s | %s | %d | %.0f | %.1f | %.1f | %.1f | %d | %d | %.0f | %.1f |", scenario, policy, txs,
                    txPerSecond, p50Ms, p99Ms, maxMs, snapshots, invalid, cpuMicrosPerTx, loadAverage);
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    public static void main(String[] args) throws Exception {
        BenchOptions options = BenchOptions.parse(args);
        int txs = options.integer("--txs", 60000);
        int warmup = options.integer("--warmup", 10000);
        int scriptTxs = options.integer("--script-txs", 1500);
        int window = options.integer("--window", 2000);
        List<String> policies = options.texts("--policies", "per-tx,batch:100:10");
        java.nio.file.Path out = java.nio.file.Path.of(options.text("--out", "target"));
        options.requireAllRead();

        System.out.printf("machine: %d cores, java %s, max heap %d MiB%n", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), Runtime.getRuntime().maxMemory() / (1 << 20));
        List<Result> results = new ArrayList<>();
        for (String policy : policies) {
            results.add(payments(SnapshotPolicy.parse(policy), warmup, txs, window));
        }
        if (scriptTxs > 0) {
            results.add(bidSpends(SnapshotPolicy.parse(policies.get(policies.size() - 1)), scriptTxs / 5, scriptTxs, window));
        }
        // Measured after the scenarios, on the same machine a few seconds later: the same-run baseline.
        double ceiling = SignatureCeiling.verificationsPerSecond(5_000);
        StringBuilder table = new StringBuilder();
        table.append("| scenario | snapshot policy | measured txs | tx/s | p50 ms | p99 ms | max ms | snapshots | invalid "
                + "| CPU µs/tx (devnet+client) | load avg |\n");
        table.append("|---|---|---|---|---|---|---|---|---|---|---|\n");
        results.forEach(r -> table.append(r.row()).append('\n'));
        table.append(String.format("%nBaseline: %.0f Ed25519 verifications/s on %d cores (BouncyCastle, the devnet's verifier)%n", ceiling,
                Runtime.getRuntime().availableProcessors()));
        System.out.println();
        System.out.println(table);
        java.nio.file.Files.createDirectories(out);
        java.nio.file.Files.writeString(out.resolve("devnet-bench.md"), table);

        BenchSummary summary = new BenchSummary("devnet").notes(String.format("--txs %d --warmup %d --script-txs %d --window %d --policies %s",
                txs, warmup, scriptTxs, window, String.join(",", policies)));
        for (Result r : results) {
            boolean simple = r.scenario().startsWith("simple");
            summary.figure(r.scenario() + " (" + r.policy() + ")", "tx/s", r.txPerSecond(), "Ed25519 verifications/s, all cores", ceiling,
                    simple ? Goal.valueAtLeast(5_000) : Goal.NONE);
        }
        for (Result r : results) {
            summary.latency("devnet NewTx→SnapshotConfirmed, " + r.scenario() + " (" + r.policy() + ")", r.latencyMicros(), 1000);
        }
        summary.write(out.resolve(BenchSummary.FILE_NAME));
    }

    // ------------------------------------------------------------------ scenarios

    private static Result payments(SnapshotPolicy policy, int warmup, int measured, int window) throws Exception {
        int total = warmup + measured;
        String genesis = "aa".repeat(32);
        Map<TxIn, TxOut> funds = new LinkedHashMap<>();
        for (int i = 0; i < total; i++) {
            funds.put(new TxIn(genesis, i), TxOut.of(ALICE.address(), Value.lovelace(10 * ADA)));
        }
        long generating = System.nanoTime();
        List<SignedTx> txs = new ArrayList<>(total);
        for (int i = 0; i < total; i++) {
            txs.add(new TxDraft().spend(new TxIn(genesis, i)).pay(BOB.address(), 4 * ADA).pay(ALICE.address(), 6 * ADA).sign(ALICE));
        }
        System.out.printf("payments (%s): generated and signed %d txs in %d ms%n", policy, total,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - generating));
        return run("simple payment", policy, new Utxo(funds), txs, warmup, window);
    }

    private static Result bidSpends(SnapshotPolicy policy, int warmup, int measured, int window) throws Exception {
        int total = warmup + measured;
        String genesis = "bb".repeat(32);
        String bidAddress = FabricScripts.bid().addressBech32(Networks.testnet());
        String bidDatum = new BidDatum(KeyHash.ofHex(ALICE.keyHash()),
                new Request(1000, 512, 1, 0, 3600, Optional.empty(), "ab".repeat(32)),
                2 * ADA, 15 * ADA, new Mode.Race(), 4_102_444_800_000L, Optional.empty(), List.of())
                .toPlutusData().serializeToHex();
        Map<TxIn, TxOut> funds = new LinkedHashMap<>();
        for (int i = 0; i < total; i++) {
            funds.put(new TxIn(genesis, 2 * i), new TxOut(bidAddress, Value.lovelace(20 * ADA), null, null, null, bidDatum, null, null));
            funds.put(new TxIn(genesis, 2 * i + 1), TxOut.of(ALICE.address(), Value.lovelace(5 * ADA)));
        }
        ProtocolParameters parameters = ProtocolParameters.l2Default();
        long generating = System.nanoTime();
        List<SignedTx> txs = new ArrayList<>(total);
        for (int i = 0; i < total; i++) {
            txs.add(new TxDraft()
                    .spendScript(new TxIn(genesis, 2 * i), FabricScripts.bid().plutusScript(),
                            new BidRedeemer.Cancel().toPlutusData(), 2_000_000, 1_000_000_000)
                    .pay(ALICE.address(), 20 * ADA)
                    .collateral(new TxIn(genesis, 2 * i + 1))
                    .requireSigner(ALICE)
                    .parameters(parameters)
                    .sign(ALICE));
        }
        System.out.printf("bid spends (%s): generated and signed %d txs in %d ms, %d bytes each%n", policy, total,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - generating), txs.get(0).cbor().length);
        return run("bid spend (Plutus V3)", policy, new Utxo(funds), txs, warmup, window);
    }

    private static Result run(String scenario, SnapshotPolicy policy, Utxo funds, List<SignedTx> txs, int warmup, int window)
            throws Exception {
        DevnetConfig config = DevnetConfig.defaults().withInitialUtxo(funds).withSnapshotPolicy(policy)
                .withSystemStart(Instant.now().minus(Duration.ofHours(1)));
        try (HydraDevnet devnet = HydraDevnet.start(config)) {
            Client client = new Client(URI.create(devnet.webSocketUri() + "?snapshot-utxo=no"), window);
            List<String> frames = Client.frames(txs);
            client.send(txs.subList(0, warmup), frames.subList(0, warmup));
            client.awaitSettled(warmup, Duration.ofMinutes(5));
            client.reset();
            List<SignedTx> measured = txs.subList(warmup, txs.size());
            long start = System.nanoTime();
            long cpuStart = processCpuNanos();
            jdk.jfr.Recording recording = null;
            if (System.getProperty("bench.jfr") != null) {
                // -Dbench.jfr=<file>: profile the measured phase only (not generation or warm-up)
                recording = new jdk.jfr.Recording(jdk.jfr.Configuration.getConfiguration("profile"));
                recording.setDestination(java.nio.file.Path.of(System.getProperty("bench.jfr")));
                recording.start();
            }
            client.send(measured, frames.subList(warmup, txs.size()));
            client.awaitSettled(measured.size(), Duration.ofMinutes(10));
            if (recording != null) {
                recording.stop();
                recording.close();
            }
            double seconds = (client.lastSettledNanos() - start) / 1e9;
            double cpuMicrosPerTx = (processCpuNanos() - cpuStart) / 1e3 / measured.size();
            double load = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
            client.close();
            Histogram latency = client.latency();
            Result result = new Result(scenario, policy.toString(), measured.size(), measured.size() / seconds,
                    latency.getValueAtPercentile(50) / 1000.0, latency.getValueAtPercentile(99) / 1000.0,
                    latency.getMaxValue() / 1000.0, client.snapshots(), client.invalid(), cpuMicrosPerTx, load, latency.copy());
            System.out.println(result.row());
            return result;
        }
    }

    // ------------------------------------------------------------------ client

    /** A bare WebSocket client: pre-encoded NewTx frames out, TxValid/TxInvalid/SnapshotConfirmed in. */
    private static final class Client implements WebSocket.Listener {
        private final WebSocket socket;
        private final Semaphore window;
        private final Map<String, Long> sentAt = new ConcurrentHashMap<>();
        private final AtomicInteger settled = new AtomicInteger();
        private final AtomicInteger invalid = new AtomicInteger();
        private final AtomicInteger snapshots = new AtomicInteger();
        private final StringBuilder partial = new StringBuilder();
        private final CountDownLatch greeted = new CountDownLatch(1);
        private volatile Histogram latency = new Histogram(TimeUnit.MINUTES.toMicros(10), 3);
        private volatile long lastSettledNanos;

        Client(URI uri, int window) throws InterruptedException {
            this.window = new Semaphore(window);
            this.socket = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(uri, this).join();
            if (!greeted.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("no Greetings from the devnet");
            }
        }

        /** The NewTx frames, encoded before the clock starts. */
        static List<String> frames(List<SignedTx> txs) {
            List<String> frames = new ArrayList<>(txs.size());
            for (SignedTx tx : txs) {
                frames.add("{\"tag\":\"NewTx\",\"transaction\":{\"type\":\"Tx ConwayEra\",\"description\":\"\",\"cborHex\":\""
                        + tx.cborHex() + "\",\"txId\":\"" + tx.txId() + "\"}}");
            }
            return frames;
        }

        void send(List<SignedTx> txs, List<String> frames) throws InterruptedException {
            for (int i = 0; i < txs.size(); i++) {
                window.acquire();
                sentAt.put(txs.get(i).txId(), System.nanoTime());
                socket.sendText(frames.get(i), true).join();
            }
        }

        void awaitSettled(int count, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (settled.get() < count) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("only " + settled.get() + " of " + count + " transactions settled");
                }
                synchronized (this) {
                    wait(10);
                }
            }
        }

        void reset() {
            settled.set(0);
            invalid.set(0);
            snapshots.set(0);
            latency = new Histogram(TimeUnit.MINUTES.toMicros(10), 3);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                handle(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        private void handle(String frame) {
            int tagAt = frame.indexOf("\"tag\":\"");
            String tag = tagAt < 0 ? "" : frame.substring(tagAt + 7, frame.indexOf('"', tagAt + 7));
            switch (tag) {
                case "Greetings" -> greeted.countDown();
                case "SnapshotConfirmed" -> confirmed(frame);
                case "TxInvalid" -> {
                    try {
                        String txId = JSON.readTree(frame).path("transaction").path("txId").asText();
                        if (sentAt.remove(txId) != null) {
                            invalid.incrementAndGet();
                            settle();
                        }
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
                default -> {
                    // TxValid and the rest: the benchmark measures confirmation
                }
            }
        }

        private void confirmed(String frame) {
            long now = System.nanoTime();
            try {
                JsonNode confirmed = JSON.readTree(frame).path("snapshot").path("confirmed");
                snapshots.incrementAndGet();
                for (JsonNode tx : confirmed) {
                    Long sent = sentAt.remove(tx.path("txId").asText());
                    if (sent != null) {
                        latency.recordValue(Math.max(0, TimeUnit.NANOSECONDS.toMicros(now - sent)));
                        settle();
                    }
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        private void settle() {
            settled.incrementAndGet();
            lastSettledNanos = System.nanoTime();
            window.release();
        }

        Histogram latency() {
            return latency;
        }

        int snapshots() {
            return snapshots.get();
        }

        int invalid() {
            return invalid.get();
        }

        long lastSettledNanos() {
            return lastSettledNanos;
        }

        void close() {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").join();
        }
    }
}
