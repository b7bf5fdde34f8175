package dev.fabric.bench.ingest;

import dev.fabric.bench.report.BenchSummary;
import dev.fabric.bench.report.Goal;
import dev.fabric.events.v1.hydra.L2Transaction;
import dev.fabric.hydra.api.FrameDecoding;
import dev.fabric.hydra.api.HydraMessageCodec;
import dev.fabric.hydra.api.TimedServerOutput;
import dev.fabric.hydra.api.Transaction;
import dev.fabric.hydra.client.HeadListener;
import dev.fabric.hydra.client.ReconnectBackoff;
import dev.fabric.ingest.adapter.head.HeadPipeline;
import dev.fabric.ingest.adapter.head.IngestMetrics;
import dev.fabric.ingest.adapter.kafka.AvroTrust;
import dev.fabric.ingest.domain.market.ConfirmedTxDecoder;
import dev.fabric.ingest.domain.market.FabricAddresses;
import dev.fabric.ingest.domain.market.ProgressMarking;
import dev.fabric.ingest.domain.market.OpenMarketOutputs;
import dev.fabric.ingest.domain.market.SnapshotPosition;
import dev.fabric.testkit.ConsoleLogging;
import dev.fabric.topics.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The ingest benchmark (bench/ingest/README.md): a recorded stream of confirmed transactions replayed
 * through the ingest pipeline (frame parse, decode, transactional produce with the cursor) against the
 * embedded broker in its own JVM, and in the same run the raw Kafka producer baseline with the same
 * record size and acks. Prints and writes the figures.
 *
 * <p>Arguments: {@code <transactions> <results file>}.
 */
public final class IngestBenchmark {

    private static final int PER_SNAPSHOT = 100;
    private static final Duration LINGER = Duration.ofMillis(100);
    private static final int BATCH_BYTES = 256 * 1024;
    private static final int MAX_RECORDS_PER_TRANSACTION = 20_000;
    /** The ceiling runs replay at most this many transactions' records (they are held in memory, ~1.8 KB each). */
    private static final long CEILING_TXS = 300_000;
    /** The service's default (fabric.ingest.producer.compression), for ingest and the raw producer alike. */
    static final String SERVICE_COMPRESSION = serviceDefaultCompression();
    static final String COMPRESSION = System.getProperty("bench.compression", SERVICE_COMPRESSION);
    /** The second pair of runs: no compression on either side, whose ratio does not depend on how well the stream compresses. */
    static final String UNCOMPRESSED = "none";

    private IngestBenchmark() {
    }

    /** Read from the config interface itself, so the bench follows the service's default. */
    private static String serviceDefaultCompression() {
        try {
            return dev.fabric.ingest.config.IngestConfig.Producer.class.getMethod("compression")
                    .getAnnotation(io.smallrye.config.WithDefault.class).value();
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("IngestConfig.Producer has no compression() any more", e);
        }
    }

    public static void main(String[] args) throws Exception {
        AvroTrust.ensureTrusted();
        ConsoleLogging.configure();   // else every Kafka trace line would be formatted, then dropped
        boolean breakdown = args.length > 0 && args[0].equals("breakdown");
        long total = breakdown ? 100_000 : args.length > 0 ? Long.parseLong(args[0]) : 1_000_000;
        Path results = Path.of(args.length > 1 ? args[1] : "target/ingest-bench.md");
        Path work = Files.createTempDirectory("fabric-ingest-bench-");

        log("generating templates with the plutus builders");
        long t0 = System.nanoTime();
        RecordedStream stream = RecordedStream.build();
        verifyDecoding(stream);
        log("generating %,d transactions in snapshots of %d", total, PER_SNAPSHOT);
        List<String> frames = stream.frames(total, PER_SNAPSHOT, Instant.parse("2026-06-01T00:00:00Z"));
        long frameChars = frames.stream().mapToLong(String::length).sum();
        log("generated %,d frames (%,d MB of JSON) in %.1f s", frames.size(), frameChars >> 20, seconds(System.nanoTime() - t0));
        if (breakdown) {
            CostBreakdown.run(stream, frames, total);
            return;
        }
        byte[][] payloads = l2TransactionRecords(stream, total);
        int recordBytes = (int) (java.util.Arrays.stream(payloads).mapToLong(p -> p.length).sum() / payloads.length);
        log("the raw producer's payloads: the %,d L2Transaction records of the stream, %d bytes on average", payloads.length, recordBytes);

        Process broker = startBroker(work.resolve("kafka"));
        try {
            String bootstrap = "localhost:" + BROKER_PORT;
            createRawTopic(bootstrap);
            // The records ingest writes, kept serialised for the ceiling runs (at most CEILING_TXS transactions' worth).
            List<String> ceilingFrames = frames.subList(0, (int) Math.min(frames.size(), CEILING_TXS / PER_SNAPSHOT));
            long ceilingTxs = Math.min(total, (long) ceilingFrames.size() * PER_SNAPSHOT);
            List<ProducerRecord<String, byte[]>> prebuilt = new ArrayList<>();
            parseAndDecodeOnly(ceilingFrames, prebuilt);
            String written = bytesByTopic(prebuilt, ceilingTxs);
            log("what ingest writes: %s", written);
            // The tool as the issue words it (same record size, acks=all, the tool's defaults otherwise) is the goal's
            // baseline. Stricter: the tool given ingest's batching, with ingest's compression and without any (its
            // random text does not compress, so lz4 only costs it CPU); the faster of those two counts.
            List<String> asIssue = List.of();
            List<String> asIngest = List.of("linger.ms=" + LINGER.toMillis(), "batch.size=" + BATCH_BYTES, "compression.type=" + COMPRESSION);
            List<String> asIngestPlain = List.of("linger.ms=" + LINGER.toMillis(), "batch.size=" + BATCH_BYTES, "compression.type=" + UNCOMPRESSED);
            // Until the JIT has settled in both JVMs, on every kind of run. With a short warm-up (50,000
            // transactions) the C2 compiler still took 2 s of CPU during the second measured ingest run. The
            // broker's transaction paths (AddPartitionsToTxn, EndTxn, WriteTxnMarkers) run once per commit, a few
            // hundred times per ingest run, so they reached C2's thresholds only inside measured runs: its
            // compilers spent 0.7-1.8 s in each (a third of a second per method, the request handling inlined).
            // A long-running broker has compiled them long ago: the ceiling warm-up commits every 100 records.
            int warmups = Integer.getInteger("bench.warmups", 2);
            for (int w = 1; w <= warmups; w++) {
                log("warm-up %d of %d: raw producer, perf test (three settings), ceiling in transactions of 100 records, and pipeline on the whole stream", w, warmups);
                rawProducer(bootstrap, total, payloads, COMPRESSION);
                ProducerPerfTest.run(bootstrap, RAW_TOPIC, total, recordBytes, asIssue);
                ProducerPerfTest.run(bootstrap, RAW_TOPIC, total, recordBytes, asIngest);
                ProducerPerfTest.run(bootstrap, RAW_TOPIC, total, recordBytes, asIngestPlain);
                ingestRecordsOnly(bootstrap, "bench-ceiling-warmup-" + w, prebuilt, ceilingTxs, 100);
                pipeline(bootstrap, "bench-warmup-" + w, frames, COMPRESSION);
            }
            Run cpu = parseAndDecodeOnly(frames, null);
            log("parse + decode + serialize only (one thread, no Kafka): %,.0f tx/s wall, %,.0f tx per CPU second",
                    cpu.perSecond(), cpu.perCpuSecond());

            // Interleaved, because the machine is shared and its load drifts: perf tests, raw, ceiling, ingest, twice.
            ProducerPerfTest.Result perfIssue1 = ProducerPerfTest.run(bootstrap, RAW_TOPIC, total, recordBytes, asIssue);
            ProducerPerfTest.Result perf1 = ProducerPerfTest.run(bootstrap, RAW_TOPIC, total, recordBytes, asIngest);
            ProducerPerfTest.Result perfPlain1 = ProducerPerfTest.run(bootstrap, RAW_TOPIC, total, recordBytes, asIngestPlain);
            Run raw1 = rawProducer(bootstrap, total, payloads, COMPRESSION);
            log("raw producer: %,.0f records/s wall, %,.0f per CPU second (producer + broker; %s)", raw1.perSecond(), raw1.perCpuSecond(),
                    raw1.cpuSplit());
            Run ceiling1 = ingestRecordsOnly(bootstrap, "bench-ceiling-1", prebuilt, ceilingTxs);
            log("ingest's records alone, pre-serialised, transactional: %,.0f tx/s wall (%,.0f records/s), %,.0f tx per CPU second (%s)",
                    ceiling1.perSecond(), ceiling1.records() / seconds(ceiling1.nanos()), ceiling1.perCpuSecond(), ceiling1.cpuSplit());
            Run ingest1 = pipeline(bootstrap, "bench-node-1", frames, COMPRESSION);
            log("ingest pipeline: %,.0f tx/s wall, %,.0f per CPU second (%,d records incl. events, progress marks and cursors; %s)",
                    ingest1.perSecond(), ingest1.perCpuSecond(), ingest1.records(), ingest1.cpuSplit());
            ProducerPerfTest.Result perfIssue2 = ProducerPerfTest.run(bootstrap, RAW_TOPIC, total, recordBytes, asIssue);
            ProducerPerfTest.Result perfPlain2 = ProducerPerfTest.run(bootstrap, RAW_TOPIC, total, recordBytes, asIngestPlain);
            ProducerPerfTest.Result perf2 = ProducerPerfTest.run(bootstrap, RAW_TOPIC, total, recordBytes, asIngest);
            Run raw2 = rawProducer(bootstrap, total, payloads, COMPRESSION);
            log("raw producer again: %,.0f records/s wall, %,.0f per CPU second (%s)", raw2.perSecond(), raw2.perCpuSecond(), raw2.cpuSplit());
            Run ceiling2 = ingestRecordsOnly(bootstrap, "bench-ceiling-2", prebuilt, ceilingTxs);
            log("ingest's records alone again: %,.0f tx/s wall, %,.0f tx per CPU second (%s)",
                    ceiling2.perSecond(), ceiling2.perCpuSecond(), ceiling2.cpuSplit());
            prebuilt = null;
            Run ingest2 = pipeline(bootstrap, "bench-node-2", frames, COMPRESSION);
            log("ingest pipeline again: %,.0f tx/s wall, %,.0f per CPU second (%s)", ingest2.perSecond(), ingest2.perCpuSecond(), ingest2.cpuSplit());
            Run ingest = ingest1.perSecond() >= ingest2.perSecond() ? ingest1 : ingest2;
            Run ceiling = ceiling1.perSecond() >= ceiling2.perSecond() ? ceiling1 : ceiling2;
            // Both sides without compression: this stream (renamed copies of ten transactions, fresh ids and
            // signatures) likely compresses better than a real head's, which flatters the compressed raw producer most.
            Run rawPlain = rawProducer(bootstrap, total, payloads, UNCOMPRESSED);
            log("raw producer, no compression: %,.0f records/s wall, %,.0f per CPU second (%s)", rawPlain.perSecond(),
                    rawPlain.perCpuSecond(), rawPlain.cpuSplit());
            Run ingestPlain = pipeline(bootstrap, "bench-node-plain", frames, UNCOMPRESSED);
            log("ingest pipeline, no compression: %,.0f tx/s wall, %,.0f per CPU second (%s)", ingestPlain.perSecond(),
                    ingestPlain.perCpuSecond(), ingestPlain.cpuSplit());

            double baseline = (raw1.perSecond() + raw2.perSecond()) / 2;
            ProducerPerfTest.Pair compressed = new ProducerPerfTest.Pair(asIngest, perf1, perf2);
            ProducerPerfTest.Pair plain = new ProducerPerfTest.Pair(asIngestPlain, perfPlain1, perfPlain2);
            ProducerPerfTest.Pair tuned = compressed.mean() >= plain.mean() ? compressed : plain;
            ProducerPerfTest.Pair issue = new ProducerPerfTest.Pair(asIssue, perfIssue1, perfIssue2);
            double perfTest = issue.mean();
            String report = perfTestReport(recordBytes, issue, compressed, plain, tuned, ingest1, ingest2, ingest, ingestPlain)
                    + report(total, frames.size(), recordBytes, raw1, raw2, ingest1, ingest2, ingest, cpu, baseline)
                    + String.format(java.util.Locale.ROOT, """
                    | what ingest writes per transaction (first %,d transactions) | %s |
                    | **ingest's records alone**, pre-serialised, sent by a producer configured as ingest's, transactions of %,d records (best of 2) | **%,.0f tx/s** (%,.0f records/s), ratio to raw %.0f %%: the most any pipeline writing these records could reach here |
                    | without compression on either side: raw producer / ingest pipeline | %,.0f records/s / **%,.0f tx/s**, ratio **%.0f %%** |
                    """, ceilingTxs, written, MAX_RECORDS_PER_TRANSACTION, ceiling.perSecond(), ceiling.records() / seconds(ceiling.nanos()),
                    100 * ceiling.perSecond() / baseline, rawPlain.perSecond(), ingestPlain.perSecond(),
                    100 * ingestPlain.perSecond() / rawPlain.perSecond());
            Files.createDirectories(results.toAbsolutePath().getParent());
            Files.writeString(results, report);
            log("%n%s", report);
            double rawPerCpuSecond = (raw1.perCpuSecond() + raw2.perCpuSecond()) / 2;
            new BenchSummary("ingest").notes(String.format("%,d transactions in snapshots of %d; the goal's baseline is kafka-producer-perf-test itself "
                            + "as the issue words it (kafka-tools %s, warm, --record-size %d, acks=all, the tool's defaults otherwise); stricter: the tool given "
                            + "ingest's linger and batch size (the faster of lz4 and no compression), and a raw producer sending ingest's own L2Transaction "
                            + "records with ingest's producer settings; %d warm-ups, runs interleaved, ingest best of 2, baselines mean of 2",
                            total, PER_SNAPSHOT, org.apache.kafka.common.utils.AppInfoParser.getVersion(), recordBytes, warmups))
                    .figure("ingest tx/s (frame → committed Kafka transaction), " + COMPRESSION
                                    + (COMPRESSION.equals(SERVICE_COMPRESSION) ? " (the service's default)" : " (not the service's default)"), "tx/s", ingest.perSecond(),
                            "kafka-producer-perf-test records/s (acks=all, its defaults), mean of 2", perfTest, Goal.valueAtLeast(100_000).andRatioAtLeast(0.5))
                    .figure("ingest tx/s, no compression", "tx/s", ingestPlain.perSecond(),
                            "kafka-producer-perf-test records/s (acks=all, its defaults), mean of 2", perfTest, Goal.NONE)
                    .figure("ingest tx/s, " + COMPRESSION + ", against kafka-producer-perf-test given ingest's batching (stricter)", "tx/s",
                            ingest.perSecond(), "kafka-producer-perf-test records/s, " + String.join(" ", tuned.props()) + ", mean of 2", tuned.mean(), Goal.NONE)
                    .figure("ingest tx/s, " + COMPRESSION + ", against the stricter raw producer (ingest's records and settings)", "tx/s", ingest.perSecond(),
                            "raw producer records/s, mean of 2", baseline, Goal.NONE)
                    .figure("ingest tx per CPU second (both JVMs)", "tx/CPU s", ingest.perCpuSecond(),
                            "raw producer records per CPU second", rawPerCpuSecond, Goal.NONE)
                    .figure("ingest's records alone, pre-serialised and sent transactionally (ceiling of any pipeline)", "tx/s",
                            ceiling.perSecond(), "raw producer records/s, mean of 2", baseline, Goal.NONE)
                    .figure("ingest tx/s, no compression on either side", "tx/s", ingestPlain.perSecond(),
                            "raw producer records/s, no compression", rawPlain.perSecond(), Goal.NONE)
                    .write(results.resolveSibling(BenchSummary.FILE_NAME));
        } finally {
            broker.destroy();
            broker.waitFor(30, TimeUnit.SECONDS);
            deleteRecursively(work);
        }
    }

    // ------------------------------------------------------------------ runs

    /**
     * @param cpuNanos       CPU time of this JVM during the run (all its threads)
     * @param brokerCpuNanos CPU time of the broker JVM during the run
     */
    record Run(long items, long records, long nanos, long cpuNanos, long brokerCpuNanos) {
        double perSecond() {
            return items / seconds(nanos);
        }

        /** Items per second of CPU (this JVM and the broker's): what the rate would be on otherwise idle cores. */
        double perCpuSecond() {
            return items / seconds(cpuNanos + brokerCpuNanos);
        }

        /** Where the CPU went, per item: this JVM, then the broker's. */
        String cpuSplit() {
            return String.format(java.util.Locale.ROOT, "%.1f µs CPU per item here + %.1f µs in the broker",
                    cpuNanos / 1e3 / items, brokerCpuNanos / 1e3 / items);
        }
    }

    /** CPU clock of the benchmark JVM and of the broker process, to measure runs on a shared machine. */
    static final class CpuClock {
        private static final com.sun.management.OperatingSystemMXBean OS =
                (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        static long brokerPid = -1;
        private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();
        private final Map<Long, Long> threadCpu = threadCpu();
        private final long gcMillis = gcMillis();
        private final long jitMillis = java.lang.management.ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
        private final long self = OS.getProcessCpuTime();
        private final long broker = brokerCpuNanos();
        private final long brokerSystem = brokerSystemNanos();
        private final long brokerJit = brokerCompilerNanos();
        private final long wall = System.nanoTime();

        Run stop(long items, long records) {
            Run run = new Run(items, records, System.nanoTime() - wall, OS.getProcessCpuTime() - self, brokerCpuNanos() - broker);
            logThreads(items);
            return run;
        }

        /** CPU per item of each busy thread of this JVM, by name, and the time spent in GC (diagnostics). */
        private void logThreads(long items) {
            Map<String, Long> byName = new java.util.TreeMap<>();
            threadCpu().forEach((id, nanos) -> {
                java.lang.management.ThreadInfo info = THREADS.getThreadInfo(id);
                if (info != null) {
                    byName.merge(info.getThreadName().replaceAll("[0-9]+", "#"), nanos - threadCpu.getOrDefault(id, 0L), Long::sum);
                }
            });
            StringBuilder line = new StringBuilder();
            byName.forEach((name, nanos) -> {
                if (nanos / 1e3 / items >= 0.1) {
                    line.append(String.format(java.util.Locale.ROOT, "%s %.1f µs, ", name, nanos / 1e3 / items));
                }
            });
            log("  CPU per item by thread: %sGC %d ms, JIT %d ms in all; the broker's system time %.1f µs, its JIT compilers %d ms in all",
                    line, gcMillis() - gcMillis,
                    java.lang.management.ManagementFactory.getCompilationMXBean().getTotalCompilationTime() - jitMillis,
                    (brokerSystemNanos() - brokerSystem) / 1e3 / items, (brokerCompilerNanos() - brokerJit) / 1_000_000);
        }

        private static Map<Long, Long> threadCpu() {
            Map<Long, Long> cpu = new java.util.HashMap<>();
            for (long id : THREADS.getAllThreadIds()) {
                long nanos = THREADS.getThreadCpuTime(id);
                if (nanos >= 0) {
                    cpu.put(id, nanos);
                }
            }
            return cpu;
        }

        private static long gcMillis() {
            return java.lang.management.ManagementFactory.getGarbageCollectorMXBeans().stream()
                    .mapToLong(java.lang.management.GarbageCollectorMXBean::getCollectionTime).sum();
        }

        /** utime + stime of the broker from /proc (clock ticks of 10 ms). */
        static long brokerCpuNanos() {
            long[] times = brokerTimes();
            return times[0] + times[1];
        }

        /** stime alone: the kernel's share (sockets, page cache). */
        static long brokerSystemNanos() {
            return brokerTimes()[1];
        }

        /**
         * CPU of the broker's JIT compiler threads (utime + stime of the threads named "C1/C2 CompilerThread…"):
         * a broker still compiling charges that to whichever run is under way. Threads that ended are missed.
         */
        static long brokerCompilerNanos() {
            if (brokerPid < 0) {
                return 0;
            }
            long nanos = 0;
            try (var tasks = Files.list(Path.of("/proc/" + brokerPid + "/task"))) {
                for (Path task : (Iterable<Path>) tasks::iterator) {
                    try {
                        if (!Files.readString(task.resolve("comm")).contains("CompilerThre")) {
                            continue;
                        }
                        long[] times = userAndSystemNanos(task.resolve("stat"));
                        nanos += times[0] + times[1];
                    } catch (IOException | RuntimeException ended) {
                        // the thread ended between the listing and the read
                    }
                }
            } catch (IOException | RuntimeException e) {
                return 0;
            }
            return nanos;
        }

        private static long[] brokerTimes() {
            if (brokerPid < 0) {
                return new long[2];
            }
            try {
                return userAndSystemNanos(Path.of("/proc/" + brokerPid + "/stat"));
            } catch (IOException | RuntimeException e) {
                return new long[2];
            }
        }

        /** utime and stime of a process or thread from its {@code stat} file (clock ticks of 10 ms). */
        private static long[] userAndSystemNanos(Path statFile) throws IOException {
            String stat = Files.readString(statFile);
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return new long[] {Long.parseLong(fields[11]) * 10_000_000L, Long.parseLong(fields[12]) * 10_000_000L};
        }
    }

    /** The baseline: the plain producer, same acks (all, idempotent), same batching, records of the same size. */
    static Run rawProducer(String bootstrap, long count, byte[][] payloads, String compression) {
        Map<String, Object> props = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, (int) LINGER.toMillis(),
                ProducerConfig.BATCH_SIZE_CONFIG, BATCH_BYTES,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, compression);
        byte[] key = RecordedStream.HEAD_ID.getBytes(StandardCharsets.UTF_8);
        writeBackDirtyPages();
        CpuClock clock = new CpuClock();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (long i = 0; i < count; i++) {
                producer.send(new ProducerRecord<>(RAW_TOPIC, key, payloads[(int) (i % payloads.length)]));
            }
            producer.flush();
            Run run = clock.stop(count, count);
            logProducerMetrics(producer.metrics());
            return run;
        }
    }

    /** The pipeline: every frame parsed by the hydra-client codec and handed to ingest's listener, as a connection would. */
    static Run pipeline(String bootstrap, String node, List<String> frames, String compression) throws InterruptedException {
        Map<String, Object> client = Map.of("bootstrap.servers", bootstrap);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        HeadPipeline pipeline = new HeadPipeline(new HeadPipeline.Settings(node, URI.create("ws://127.0.0.1:1"),
                URI.create("http://127.0.0.1:1"), FabricAddresses.ofBlueprint(0), client, client, LINGER, BATCH_BYTES, compression,
                Duration.ofSeconds(60), Integer.getInteger("bench.queue", 128), MAX_RECORDS_PER_TRANSACTION, Duration.ofMillis(250), Duration.ofSeconds(1),
                Duration.ofSeconds(30), ReconnectBackoff.DEFAULT, Clock.systemUTC(), ProgressMarking.DEFAULT_INTERVAL), new IngestMetrics(registry, Clock.systemUTC()));
        HeadListener listener = pipeline.startWithoutConnection();
        HydraMessageCodec codec = new HydraMessageCodec();
        long lastSeq = -1;
        long txs = 0;
        writeBackDirtyPages();
        log("%s: run starts at %s", node, Instant.now());
        CpuClock clock = new CpuClock();
        for (String frame : frames) {
            FrameDecoding decoding = codec.decodeFrame(frame);
            if (!(decoding instanceof FrameDecoding.Decoded decoded) || !(decoded.message() instanceof TimedServerOutput output)) {
                throw new IllegalStateException("the recorded stream holds a frame the codec cannot read: " + decoding);
            }
            listener.onOutput(output);
            lastSeq = output.seq();
            if (output.output() instanceof dev.fabric.hydra.api.ServerOutput.SnapshotConfirmed confirmed) {
                txs += confirmed.snapshot().confirmed().size();
            }
        }
        while (pipeline.status().committedSeq() < lastSeq) {
            if (pipeline.status().problem() != null && pipeline.status().state().equals("CLOSED")) {
                throw new IllegalStateException("pipeline failed: " + pipeline.status().problem());
            }
            Thread.sleep(2);
        }
        double records = registry.get("fabric.ingest.records").counter().count();
        double written = registry.get("fabric.ingest.transactions").counter().count();
        double deadLetters = registry.get("fabric.ingest.dead.letters").counter().count();
        double commits = registry.get("fabric.ingest.kafka.commits").counter().count();
        Run run = clock.stop(txs, (long) records);
        log("%s: run ends at %s; %,.0f Kafka transactions, %,.0f tx each", node, Instant.now(), commits, written / commits);
        logProducerMetrics("bid-ingest-" + node);
        pipeline.close();
        if ((long) written != txs || deadLetters > 0) {
            throw new IllegalStateException("pipeline wrote " + written + " transactions of " + txs + " and " + deadLetters + " dead letters");
        }
        return run;
    }

    private static final List<String> PRODUCER_METRICS = List.of("request-total", "record-send-total", "records-per-request-avg",
            "batch-size-avg", "compression-rate-avg", "outgoing-byte-total", "request-latency-avg");

    /** How the producer batched (diagnostics): requests, records per request, batch size. */
    static void logProducerMetrics(Map<org.apache.kafka.common.MetricName, ? extends org.apache.kafka.common.Metric> metrics) {
        StringBuilder line = new StringBuilder();
        metrics.forEach((name, metric) -> {
            if (name.group().equals("producer-metrics") && PRODUCER_METRICS.contains(name.name())) {
                line.append(name.name()).append('=').append(String.format(java.util.Locale.ROOT, "%,.1f", (Double) metric.metricValue())).append(' ');
            }
        });
        log("  producer: %s", line);
    }

    /** The same, read over JMX for a producer the bench holds no reference to (the pipeline's). */
    static void logProducerMetrics(String clientId) {
        try {
            var server = java.lang.management.ManagementFactory.getPlatformMBeanServer();
            var name = new javax.management.ObjectName("kafka.producer:type=producer-metrics,client-id=" + clientId);
            StringBuilder line = new StringBuilder();
            for (String metric : PRODUCER_METRICS) {
                line.append(metric).append('=').append(String.format(java.util.Locale.ROOT, "%,.1f", (Double) server.getAttribute(name, metric))).append(' ');
            }
            log("  producer: %s", line);
        } catch (Exception e) {
            log("  producer metrics of %s unavailable: %s", clientId, e);
        }
    }

    /**
     * {@code sync} before each run: every run leaves 300-500 MB of the broker's log dirty in the page cache,
     * and the kernel's write-back of it (CPU in kernel threads, throttled writes in the broker) otherwise
     * lands in whichever run comes next: the broker's system time per record tripled over a bench.
     */
    static void writeBackDirtyPages() {
        try {
            new ProcessBuilder("sync").inheritIO().start().waitFor(120, TimeUnit.SECONDS);
        } catch (IOException e) {
            log("sync failed: %s", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ------------------------------------------------------------------ checks and sizes

    /** The stream must decode into the market events of its cycles: checked on two cycles before measuring. */
    static void verifyDecoding(RecordedStream stream) {
        ConfirmedTxDecoder decoder = new ConfirmedTxDecoder(FabricAddresses.ofBlueprint(0), new OpenMarketOutputs());
        List<String> kinds = new ArrayList<>();
        List<String> deadLetters = new ArrayList<>();
        for (long k = 0; k < 2; k++) {
            int i = 0;
            for (Transaction tx : stream.cycle(k)) {
                ConfirmedTxDecoder.Decoded d = decoder.decode(position(k), i++, tx.cborHex(), tx.txId());
                d.bids().forEach(b -> kinds.add(b.getPayload().getClass().getSimpleName()));
                d.offers().forEach(o -> kinds.add(o.getPayload().getClass().getSimpleName()));
                d.deadLetters().forEach(l -> deadLetters.add(l.getReason()));
            }
        }
        List<String> expected = List.of("BidOpened", "BidAccepted", "BidOpened", "OfferMade", "OfferMade", "BidAwarded",
                "OfferUsed", "OfferWithdrawn", "BidOpened", "BidCancelled");
        List<String> twice = new ArrayList<>(expected);
        twice.addAll(expected);
        if (!kinds.equals(twice) || !deadLetters.isEmpty()) {
            throw new IllegalStateException("the recorded stream does not decode as designed: " + kinds + ", dead letters " + deadLetters);
        }
        log("stream check: two cycles decode to %s", expected);
    }

    /**
     * The baseline's payloads: the very {@code L2Transaction} records ingest writes for the stream, one per
     * transaction, so that both sides send the same bytes (size and, under compression, compressibility).
     */
    static byte[][] l2TransactionRecords(RecordedStream stream, long total) {
        ConfirmedTxDecoder decoder = new ConfirmedTxDecoder(FabricAddresses.ofBlueprint(0), new OpenMarketOutputs());
        var serde = Topics.L2_TRANSACTIONS.valueSerde();
        byte[][] records = new byte[(int) total][];
        int n = 0;
        for (long k = 0; n < total; k++) {
            int i = 0;
            for (Transaction tx : stream.cycle(k)) {
                if (n == total) {
                    break;
                }
                L2Transaction l2 = decoder.decode(position(k), i++, tx.cborHex(), tx.txId()).transaction().orElseThrow();
                records[n++] = serde.serializer().serialize(Topics.L2_TRANSACTIONS.name(), l2);
            }
        }
        return records;
    }

    private static SnapshotPosition position(long k) {
        return new SnapshotPosition("check", RecordedStream.HEAD_ID, k + 1, k + 1, 0, Instant.EPOCH, "check");
    }

    // ------------------------------------------------------------------ broker

    static final int BROKER_PORT = 29_092;
    static final String RAW_TOPIC = "bench.raw";

    /** The embedded broker (testkit's main) in its own JVM, on this JVM's classpath. */
    static Process startBroker(Path dataDir) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xms1g", "-Xmx1g"));
        String extra = System.getProperty("bench.brokerJvmArg", "");   // e.g. a flight recording of the broker
        if (!extra.isBlank()) {
            command.add(extra);
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"),
                "dev.fabric.testkit.EmbeddedKafka", Integer.toString(BROKER_PORT), dataDir.toString()));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        String line;
        while ((line = out.readLine()) != null) {
            if (line.startsWith("KAFKA READY")) {
                log("broker JVM (pid %d) ready", process.pid());
                CpuClock.brokerPid = process.pid();
                Thread drain = new Thread(() -> out.lines().forEach(l -> { }), "broker-output");
                drain.setDaemon(true);
                drain.start();
                return process;
            }
            if (System.nanoTime() > deadline) {
                break;
            }
        }
        process.destroy();
        throw new IllegalStateException("the broker JVM did not start");
    }

    static void createRawTopic(String bootstrap) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.createTopics(List.of(new NewTopic(RAW_TOPIC, Topics.L2_TRANSACTIONS.partitions(), (short) 1)))
                    .all().get(60, TimeUnit.SECONDS);
        }
    }

    // ------------------------------------------------------------------ output

    /** The issue's goal against the baseline it names, first; the stricter comparisons follow in {@link #report}. */
    static String perfTestReport(int recordBytes, ProducerPerfTest.Pair issue, ProducerPerfTest.Pair compressed, ProducerPerfTest.Pair plain,
                                 ProducerPerfTest.Pair tuned, Run ingest1, Run ingest2, Run ingest, Run ingestPlain) {
        double perfTest = issue.mean();
        return String.format(java.util.Locale.ROOT, """
                | against kafka-producer-perf-test (kafka-tools %s, in the bench JVM, warm; `--record-size %d --throughput -1`) | figure |
                |---|---|
                | **as the issue words it**: `--producer-props acks=all` (the tool's defaults otherwise: batch 16 KiB, linger 5 ms, no compression), runs 1 and 2 | %s |
                | ingest pipeline, %s (the service's default), runs 1 and 2 | %,.0f / %,.0f tx/s |
                | **ratio ingest (best) / perf test (mean)** | **%.0f %%** |
                | ingest pipeline without compression / the same perf test | %,.0f tx/s, ratio %.0f %% |
                | goal | >= 100,000 tx/s: %s; >= 50 %% of kafka-producer-perf-test: %s |
                | stricter: the tool given ingest's batching, `acks=all %s` | %s |
                | stricter: the same with `%s` | %s |
                | ratio ingest (best) / the faster of those two (mean) | %.0f %% (without compression: %.0f %%) |

                """, org.apache.kafka.common.utils.AppInfoParser.getVersion(), recordBytes, issue.describe(),
                COMPRESSION, ingest1.perSecond(), ingest2.perSecond(),
                100 * ingest.perSecond() / perfTest, ingestPlain.perSecond(), 100 * ingestPlain.perSecond() / perfTest,
                ingest.perSecond() >= 100_000 ? "met" : "NOT met", ingest.perSecond() >= perfTest / 2 ? "met" : "NOT met",
                String.join(" ", compressed.props()), compressed.describe(), String.join(" ", plain.props()), plain.describe(),
                100 * ingest.perSecond() / tuned.mean(), 100 * ingestPlain.perSecond() / tuned.mean());
    }

    static String report(long total, int frames, int recordBytes, Run raw1, Run raw2, Run ingest1, Run ingest2, Run ingest,
                         Run cpu, double baseline) {
        Runtime rt = Runtime.getRuntime();
        return String.format(java.util.Locale.ROOT, """
                | what | figure |
                |---|---|
                | date (UTC) | %s |
                | machine | %d CPUs visible, %s %s, Java %s; broker in its own JVM on the same machine |
                | stream | %,d confirmed transactions in %,d SnapshotConfirmed frames of %d |
                | L2Transaction record (mean, Avro single-object) | %d bytes |
                | raw producer, run 1 (acks=all, idempotent, linger %d ms, batch %d KiB, compression %s, ingest's L2Transaction records) | %,.0f records/s |
                | raw producer, run 2 | %,.0f records/s |
                | ingest pipeline, runs 1 and 2 | %,.0f tx/s, %,.0f tx/s |
                | **ingest pipeline, best run** (parse, decode, transactional produce incl. cursor) | **%,.0f tx/s** (%,d records: transactions, bid/offer events, progress marks, head events, cursors; %.1f s) |
                | ratio ingest tx/s / mean raw records/s | **%.0f %%** |
                | parse + decode + Avro serialise only, one thread, no Kafka | %,.0f tx/s wall, %,.0f tx per CPU second |
                | CPU-normalised (items per CPU second of both JVMs): raw run 1 / raw run 2 / ingest | %,.0f / %,.0f / %,.0f (ratio %.0f %%) |
                | load average at the end (1/5/15 min) | %s |
                | against this stricter raw producer | >= 50 %% of it: %s |
                """,
                Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS), rt.availableProcessors(),
                System.getProperty("os.name"), System.getProperty("os.arch"), System.getProperty("java.version"),
                total, frames, PER_SNAPSHOT, recordBytes, LINGER.toMillis(), BATCH_BYTES / 1024, COMPRESSION,
                raw1.perSecond(), raw2.perSecond(), ingest1.perSecond(), ingest2.perSecond(),
                ingest.perSecond(), ingest.records(), seconds(ingest.nanos()),
                100 * ingest.perSecond() / baseline, cpu.perSecond(), cpu.perCpuSecond(),
                raw1.perCpuSecond(), raw2.perCpuSecond(), ingest.perCpuSecond(),
                200 * ingest.perCpuSecond() / (raw1.perCpuSecond() + raw2.perCpuSecond()), loadAverage(),
                ingest.perSecond() >= baseline / 2 ? "met" : "NOT met");
    }

    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " / " + parts[1] + " / " + parts[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** The CPU cost alone: the same listener with a writer that only serialises what it is handed. */
    /** @param keep where to put every serialised record (topic, explicit partition or key, bytes), or null */
    static Run parseAndDecodeOnly(List<String> frames, List<ProducerRecord<String, byte[]>> keep) {
        HydraMessageCodec codec = new HydraMessageCodec();
        Map<String, org.apache.kafka.common.serialization.Serializer<org.apache.avro.specific.SpecificRecord>> serializers = new java.util.HashMap<>();
        long[] records = {0};
        dev.fabric.ingest.domain.market.OpenMarketOutputs market = new OpenMarketOutputs();
        dev.fabric.ingest.adapter.head.HeadIngestion listener = new dev.fabric.ingest.adapter.head.HeadIngestion("cpu-only",
                new ConfirmedTxDecoder(FabricAddresses.ofBlueprint(0), market), FabricAddresses.ofBlueprint(0),
                new dev.fabric.ingest.domain.head.HeadEvents(codec),
                work -> work.records().forEach(r -> {
                    @SuppressWarnings("unchecked")
                    var serializer = serializers.computeIfAbsent(r.topic().name(),
                            t -> (org.apache.kafka.common.serialization.Serializer<org.apache.avro.specific.SpecificRecord>) r.topic().valueSerde().serializer());
                    byte[] value = serializer.serialize(r.topic().name(), r.value());
                    if (keep != null) {
                        keep.add(r.toProducerRecord(value));
                    }
                    records[0]++;
                }),
                () -> Long.MAX_VALUE, new NoNode(), new IngestMetrics(new SimpleMeterRegistry(), Clock.systemUTC()).forHead("cpu-only"),
                Clock.systemUTC(), -1, null, -1, ProgressMarking.DEFAULT_INTERVAL);
        long txs = 0;
        var threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long cpuStart = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        for (String frame : frames) {
            TimedServerOutput output = (TimedServerOutput) ((FrameDecoding.Decoded) codec.decodeFrame(frame)).message();
            listener.onOutput(output);
            txs += ((dev.fabric.hydra.api.ServerOutput.SnapshotConfirmed) output.output()).snapshot().confirmed().size();
        }
        return new Run(txs, records[0], System.nanoTime() - start, threads.getCurrentThreadCpuTime() - cpuStart, 0);
    }

    /**
     * The Kafka side of ingest alone: the very records ingest writes for the stream, serialised beforehand,
     * sent by a transactional producer configured as ingest's, in transactions of ingest's maximum size.
     * No parsing, decoding or serialising: whatever ingest's code does, it cannot beat this.
     */
    static Run ingestRecordsOnly(String bootstrap, String id, List<ProducerRecord<String, byte[]>> records, long txs) {
        return ingestRecordsOnly(bootstrap, id, records, txs, MAX_RECORDS_PER_TRANSACTION);
    }

    static Run ingestRecordsOnly(String bootstrap, String id, List<ProducerRecord<String, byte[]>> records, long txs,
                                 int recordsPerTransaction) {
        Map<String, Object> config = dev.fabric.ingest.adapter.kafka.KafkaProducers.transactionalConfig(
                Map.of("bootstrap.servers", bootstrap), id, LINGER, BATCH_BYTES, COMPRESSION, Duration.ofSeconds(60));
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new org.apache.kafka.common.serialization.StringSerializer(),
                new ByteArraySerializer())) {
            producer.initTransactions();
            writeBackDirtyPages();
            CpuClock clock = new CpuClock();
            int inTransaction = 0;
            producer.beginTransaction();
            for (ProducerRecord<String, byte[]> record : records) {
                producer.send(record);
                if (++inTransaction == recordsPerTransaction) {
                    producer.commitTransaction();
                    producer.beginTransaction();
                    inTransaction = 0;
                }
            }
            producer.commitTransaction();
            Run run = clock.stop(txs, records.size());
            logProducerMetrics(producer.metrics());
            return run;
        }
    }

    /** Bytes per transaction that each topic receives (what ingest writes, by topic). */
    static String bytesByTopic(List<ProducerRecord<String, byte[]>> records, long txs) {
        Map<String, long[]> byTopic = new java.util.TreeMap<>();
        for (ProducerRecord<String, byte[]> r : records) {
            long[] c = byTopic.computeIfAbsent(r.topic(), t -> new long[2]);
            c[0]++;
            c[1] += r.value().length + (r.key() == null ? 0 : r.key().length());
        }
        StringBuilder out = new StringBuilder();
        long all = 0;
        for (var e : byTopic.entrySet()) {
            all += e.getValue()[1];
            out.append(String.format(java.util.Locale.ROOT, "%s %.2f records and %,.0f bytes per tx; ", e.getKey(),
                    (double) e.getValue()[0] / txs, (double) e.getValue()[1] / txs));
        }
        return out.append(String.format(java.util.Locale.ROOT, "in all %.2f records and %,.0f bytes per tx", (double) records.size() / txs, (double) all / txs)).toString();
    }

    private static final class NoNode implements dev.fabric.ingest.adapter.head.HeadIngestion.SnapshotSource {
        @Override
        public java.util.Optional<dev.fabric.hydra.api.ConfirmedSnapshot> snapshot() {
            return java.util.Optional.empty();
        }

        @Override
        public java.util.Optional<dev.fabric.hydra.api.Utxo> snapshotUtxo() {
            return java.util.Optional.empty();
        }
    }

    static double seconds(long nanos) {
        return nanos / 1e9;
    }

    static void log(String format, Object... args) {
        System.out.printf("[bench] " + format + "%n", args);
        System.out.flush();
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
