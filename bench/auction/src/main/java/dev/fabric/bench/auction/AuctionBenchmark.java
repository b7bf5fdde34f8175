package dev.fabric.bench.auction;

import dev.fabric.bench.report.BenchOptions;
import dev.fabric.auction.config.AuctionSettings;
import dev.fabric.auction.topology.AuctionMetrics;
import dev.fabric.auction.topology.AuctionStores;
import dev.fabric.auction.topology.AuctionTopology;
import dev.fabric.auction.topology.ConsumerLagBacklog;
import dev.fabric.auction.topology.InputBacklog;
import dev.fabric.bench.report.BenchSummary;
import dev.fabric.bench.report.Goal;
import dev.fabric.streams.StreamsDefaults;
import dev.fabric.testkit.ConsoleLogging;
import dev.fabric.testkit.EmbeddedKafka;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.jboss.logging.Logger;

/**
 * The auction topology against a raw consume→produce pass-through on the same data, in one run, on
 * the embedded broker (same JVM).
 *
 * <ol>
 * <li><b>Warm-up</b>: the throughput step below on {@code --warmup-bids} bids against a broker of its own,
 *     discarded: the figures are those of compiled code, not of the JIT at work.</li>
 * <li><b>Throughput</b>: {@code --bids} auction-window bids with {@code --offers-per-bid} offers each are
 *     written first (a backlog, as after an outage or on a replay); then each topology consumes it
 *     from the start with exactly-once and RocksDB stores, until its committed input offsets reach the
 *     end. Offers/s and process CPU per record are reported, and every decision is checked to exist
 *     exactly once.</li>
 * <li><b>Latency</b>: bids and offers are written live at {@code --live-offers-per-second} for
 *     {@code --live-seconds} with event time = wall time; a read_committed consumer measures, for every
 *     decision, the time from the window's close (event time) until it reads the decision. The
 *     pass-through's figure is event time → output record read.</li>
 * </ol>
 *
 * <pre>--bids 100000 --offers-per-bid 10 --window-ms 5000 --threads 2 --commit-ms 100 --warmup-bids 20000
 * --live-seconds 30 --live-offers-per-second 2000 --live-window-ms 1000 --live-commit-ms 20 --live-lateness-ms 0
 * --snapshot-ms 20 --mark-interval-ms 10
 * --out bench/auction/target</pre>
 */
public final class AuctionBenchmark {

    private static final Logger LOG = Logger.getLogger(AuctionBenchmark.class);
    static final String PASS_THROUGH_TOPIC = "bench.passthrough";
    /** Strong references: JUL forgets the level of a logger nobody holds. */
    private static final List<java.util.logging.Logger> QUIETED = new ArrayList<>();

    private AuctionBenchmark() {
    }

    /** One topology draining the backlog. */
    record Drain(String topology, long records, long offers, double seconds, double cpuSeconds, double streamCpuSeconds, double loadBefore,
                 double loadAfter) {
        double offersPerSecond() {
            return offers / seconds;
        }

        double recordsPerSecond() {
            return records / seconds;
        }

        double cpuMicrosPerRecord() {
            return cpuSeconds * 1e6 / records;
        }

        double streamCpuMicrosPerRecord() {
            return streamCpuSeconds * 1e6 / records;
        }
    }

    /** One topology under live load. */
    record Live(String topology, String measured, long samples, Histogram latencyMs, double offersPerSecond, double loadAverage) {
    }

    public static void main(String[] args) throws Exception {
        BenchOptions options = BenchOptions.parse(args);
        int bids = options.integer("--bids", 100000);
        int offersPerBid = options.integer("--offers-per-bid", 10);
        long windowMs = options.longInteger("--window-ms", 5000);
        int threads = options.integer("--threads", 2);
        int commitMs = options.integer("--commit-ms", 100);
        int warmupBids = options.integer("--warmup-bids", 20000);
        int liveSeconds = options.integer("--live-seconds", 30);
        int liveRate = options.integer("--live-offers-per-second", 2000);
        long liveWindowMs = options.longInteger("--live-window-ms", 1000);
        int liveCommitMs = options.integer("--live-commit-ms", 10);
        long liveLatenessMs = options.longInteger("--live-lateness-ms", 0);
        Marks marks = new Marks(options.longInteger("--snapshot-ms", 20), options.longInteger("--mark-interval-ms", 10));
        Path out = Path.of(options.text("--out", "target"));
        options.requireAllRead();
        ConsoleLogging.configure();   // else Kafka formats its TRACE messages on the hot path for nobody
        quiet("dev.fabric.auction", "dev.fabric.streams", "dev.fabric.testkit", "io.micrometer");   // Kafka: ConsoleLogging

        if (warmupBids > 0) {
            // A broker of its own, dropped afterwards: the JIT has compiled the hot paths of both
            // topologies and of the broker before the measured drains, as in a service that has run
            // for a while; the measured broker's topics hold only the measured records.
            EmbeddedKafka warm = EmbeddedKafka.start();
            // Closed with its broker: a producer left behind would spend the measured runs reconnecting to it.
            try (Admin admin = Admin.create(warm.clientConfig()); MarketWriter warmMarket = prepare(warm, admin)) {
                Drains warmUp = drainBacklog(warm, admin, warmMarket, warmupBids, offersPerBid, windowMs, threads, commitMs, marks);
                LOG.infof("warm-up on a separate broker: %d bids, auction %.0f offers/s, pass-through %.0f offers/s, %s", warmupBids,
                        warmUp.auction().offersPerSecond(), warmUp.passThrough().offersPerSecond(), warmUp.audit());
            } finally {
                warm.destroy();
            }
        }

        EmbeddedKafka kafka = EmbeddedKafka.start();
        try (Admin admin = Admin.create(kafka.clientConfig()); MarketWriter market = prepare(kafka, admin)) {
            Drains drains = drainBacklog(kafka, admin, market, bids, offersPerBid, windowMs, threads, commitMs, marks);
            Drain auction = drains.auction();
            Drain passThrough = drains.passThrough();
            DecisionAudit audit = drains.audit();

            AuctionSettings liveSettings = AuctionSettings.defaults().withLateness(Duration.ofMillis(liveLatenessMs));
            List<Live> lives = new ArrayList<>();
            if (liveSeconds > 0) {
                // The drains' garbage (two applications' worth, closed) would otherwise sit in the old
                // generation and lengthen every young collection of the live phase; JMH collects
                // between iterations for the same reason.
                System.gc();
                AuctionMetrics liveMetrics = new AuctionMetrics(new SimpleMeterRegistry());
                lives.add(live(kafka, market, "bench-auction-live", backlog -> AuctionTopology.build(liveSettings, Map.of(),
                        liveMetrics, AuctionStores.Backing.ROCKSDB, backlog), threads, liveCommitMs,
                        liveSeconds, liveRate, offersPerBid, liveWindowMs, marks.intervalMs(), 1_000_000));
                LOG.infof("bench-auction-live: decided after the close (wall clock, in the processor): %s",
                        java.util.Arrays.toString(liveMetrics.decisionDelay().takeSnapshot().percentileValues()));
                System.gc();
                lives.add(live(kafka, market, "bench-passthrough-live", backlog -> passThrough(), threads, liveCommitMs,
                        liveSeconds, liveRate, offersPerBid, liveWindowMs, marks.intervalMs(), 2_000_000));
            }

            String report = Report.markdown(options.asMap(), auction, passThrough, audit, lives, liveLatenessMs, liveCommitMs,
                    commitMs, threads, warmupBids);
            Files.createDirectories(out);
            Path file = out.resolve("auction-bench-" + Instant.now().truncatedTo(ChronoUnit.SECONDS).toString().replace(':', '-') + ".md");
            Files.writeString(file, report);
            LOG.infof("%n%s%nwritten to %s", report, file.toAbsolutePath());
            summary(options.asMap(), auction, passThrough, lives).write(out.resolve(BenchSummary.FILE_NAME));
        } finally {
            kafka.destroy();
        }
    }

    /**
     * bid-ingest's progress marks in the written market: the backlog's head confirms a snapshot every
     * {@code snapshotMs} of event time; the live load's every tick; a partition without a record for
     * {@code intervalMs} gets a mark ({@code fabric.ingest.market-progress-interval}, 10 ms by default).
     */
    record Marks(long snapshotMs, long intervalMs) {
    }

    /** Both topologies' drains of one backlog, and the audit of the auction's decisions. */
    record Drains(Drain auction, Drain passThrough, DecisionAudit audit) {
    }

    /** Topics of the catalogue plus the pass-through's output, and the operators' scores the reputation rule reads. */
    private static MarketWriter prepare(EmbeddedKafka kafka, Admin admin) throws Exception {
        kafka.provisionTopics();
        admin.createTopics(List.of(new NewTopic(PASS_THROUGH_TOPIC, dev.fabric.topics.Topics.BID_PARTITIONS, (short) 1))).all().get();
        MarketWriter market = new MarketWriter(kafka.bootstrapServers());
        market.writeScores(MarketWriter.OPERATORS, Instant.now().minus(2, ChronoUnit.DAYS));
        return market;
    }

    /** Writes a backlog of {@code bids} auction bids and drains it with the auction, then with the pass-through. */
    private static Drains drainBacklog(EmbeddedKafka kafka, Admin admin, MarketWriter market, int bids, int offersPerBid, long windowMs,
                                       int threads, int commitMs, Marks marks) throws Exception {
        LOG.infof("writing %d bids x %d offers", bids, offersPerBid);
        long marksBefore = market.marks();
        long written = market.writeBacklog(bids, offersPerBid, windowMs, Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS),
                marks.snapshotMs(), marks.intervalMs());
        Map<TopicPartition, Long> inputEnd = endOffsets(admin);
        LOG.infof("backlog written: %d records, of which %d progress marks", written, market.marks() - marksBefore);
        AuctionSettings drainSettings = AuctionSettings.defaults();
        Drain auction = drain(kafka, admin, "bench-auction", backlog -> AuctionTopology.build(drainSettings, Map.of(),
                new AuctionMetrics(new SimpleMeterRegistry()), AuctionStores.Backing.ROCKSDB, backlog), threads, commitMs, inputEnd,
                written, (long) bids * offersPerBid);
        DecisionAudit audit = DecisionAudit.read(kafka.bootstrapServers(), bids);
        Drain passThrough = drain(kafka, admin, "bench-passthrough", backlog -> passThrough(), threads, commitMs, inputEnd, written,
                (long) bids * offersPerBid);
        return new Drains(auction, passThrough, audit);
    }

    private static BenchSummary summary(Map<String, String> options, Drain auction, Drain passThrough, List<Live> lives) {
        BenchSummary summary = new BenchSummary("auction").notes("arguments " + new java.util.TreeMap<>(options));
        summary.figure("offers/s, backlog drained (exactly_once_v2)", "offers/s", auction.offersPerSecond(), "pass-through offers/s",
                passThrough.offersPerSecond(), Goal.valueAtLeast(50_000));
        if (lives.size() == 2) {
            Histogram decided = lives.get(0).latencyMs();
            Histogram copied = lives.get(1).latencyMs();
            summary.figure("p99 window close→decision", "ms", decided.getValueAtPercentile(99), "pass-through p99 event→read",
                    copied.getValueAtPercentile(99), Goal.valueAtMost(50));
            summary.latency("auction window close→decision", decided, 1);
            summary.latency("auction pass-through event→read (baseline)", copied, 1);
        }
        return summary;
    }

    /** A topology built with the application's input-backlog probe (the auction needs it; the pass-through ignores it). */
    @FunctionalInterface
    interface TopologyFactory {
        Topology build(InputBacklog backlog);
    }

    /** Runs a topology over the whole backlog and measures the time and CPU until its committed offsets reach the end. */
    private static Drain drain(EmbeddedKafka kafka, Admin admin, String applicationId, TopologyFactory topology, int threads, int commitMs,
                               Map<TopicPartition, Long> inputEnd, long records, long offers) throws Exception {
        Path stateDir = Files.createTempDirectory("bench-state-");
        AtomicReference<KafkaStreams> handle = new AtomicReference<>();
        KafkaStreams streams = new KafkaStreams(topology.build(backlog(handle)), properties(kafka, applicationId, stateDir, threads, commitMs,
                "earliest"));
        handle.set(streams);
        double loadBefore = loadAverage();
        CompletableFuture<Void> running = runningFuture(streams);
        long startedNanos = System.nanoTime();
        long startedCpuNanos = processCpuNanos();
        streams.start();
        running.get(120, TimeUnit.SECONDS);
        Window window = awaitCommitted(admin, applicationId, inputEnd, startedNanos, startedCpuNanos, Duration.ofMinutes(60));
        double seconds = (window.endNanos() - window.startNanos()) / 1e9;
        double cpuSeconds = (window.endCpuNanos() - window.startCpuNanos()) / 1e9;
        long inputRecords = inputEnd.values().stream().mapToLong(Long::longValue).sum();
        double measured = (inputRecords - window.committedAtStart()) / (double) inputRecords;
        double loadAfter = loadAverage();
        double streamCpuSeconds = streamThreadCpuNanos(applicationId) / 1e9;
        logThreadRatios(applicationId, streams);
        streams.close(Duration.ofSeconds(60));
        deleteRecursively(stateDir);
        // Only what was committed inside the window counts (a thread may process before the client reports RUNNING).
        Drain drain = new Drain(applicationId, Math.round(records * measured), Math.round(offers * measured), seconds, cpuSeconds,
                streamCpuSeconds * measured, loadBefore, loadAfter);
        LOG.infof("%s: %d records in %.1f s (%.0f offers/s, %.0f records/s, %.0f us CPU/record of which %.0f us on stream threads, load %.1f-%.1f)",
                applicationId, drain.records(), seconds, drain.offersPerSecond(), drain.recordsPerSecond(), drain.cpuMicrosPerRecord(),
                drain.streamCpuMicrosPerRecord(), loadBefore, loadAfter);
        return drain;
    }

    /** Runs a topology under live load and measures the latency its consumer sees. */
    private static Live live(EmbeddedKafka kafka, MarketWriter market, String applicationId, TopologyFactory topology, int threads, int commitMs,
                             int seconds, int offersPerSecond, int offersPerBid, long windowMs, long markIntervalMs, int firstBid)
            throws Exception {
        Path stateDir = Files.createTempDirectory("bench-state-");
        AtomicReference<KafkaStreams> handle = new AtomicReference<>();
        KafkaStreams streams = new KafkaStreams(topology.build(backlog(handle)), properties(kafka, applicationId, stateDir, threads, commitMs,
                "latest"));
        handle.set(streams);
        boolean auction = applicationId.startsWith("bench-auction");
        try (LatencyReader reader = auction ? LatencyReader.decisions(kafka.bootstrapServers())
                : LatencyReader.passThrough(kafka.bootstrapServers(), PASS_THROUGH_TOPIC)) {
            CompletableFuture<Void> running = runningFuture(streams);
            streams.start();
            running.get(120, TimeUnit.SECONDS);
            awaitAssignedAtEnd(streams, Duration.ofSeconds(60));
            reader.start();
            LiveLoad.Result load = new LiveLoad(market, offersPerSecond, offersPerBid, windowMs, markIntervalMs, firstBid).run(Duration.ofSeconds(seconds));
            long expected = auction ? load.bids() : load.records();
            reader.awaitSamples(expected, Duration.ofSeconds(120));
            logThreadRatios(applicationId, streams);
            logBrokerRequestTimes();
            streams.close(Duration.ofSeconds(60));
            deleteRecursively(stateDir);
            Live live = new Live(applicationId, auction ? "window close → decision read (read_committed)" : "event time → output read (read_committed)",
                    reader.samples(), reader.histogram(), load.offersPerSecond(), loadAverage());
            LOG.infof("%s: %d samples at %.0f offers/s, p50 %d ms, p99 %d ms, max %d ms (expected %d)", applicationId, live.samples(),
                    load.offersPerSecond(), live.latencyMs().getValueAtPercentile(50), live.latencyMs().getValueAtPercentile(99),
                    live.latencyMs().getMaxValue(), expected);
            return live;
        }
    }

    /** The baseline: every bid and offer record copied, as bytes, to one output topic, in the same EOS transactions. */
    static Topology passThrough() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(List.of(dev.fabric.topics.Topics.BIDS.name(), dev.fabric.topics.Topics.OFFERS.name()),
                        Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()))
                .to(PASS_THROUGH_TOPIC, Produced.with(Serdes.ByteArray(), Serdes.ByteArray()));
        return builder.build();
    }

    private static InputBacklog backlog(AtomicReference<KafkaStreams> handle) {
        return new ConsumerLagBacklog(() -> handle.get() == null ? null : handle.get().metrics());
    }

    private static Properties properties(EmbeddedKafka kafka, String applicationId, Path stateDir, int threads, int commitMs, String reset) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, threads);
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, commitMs);
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), reset);
        props.putAll(StreamsDefaults.properties(AuctionTopology.SERVICE));
        System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith("streams.")).forEach(k -> props.put(k.substring(8), System.getProperty(k)));
        return props;
    }

    private static CompletableFuture<Void> runningFuture(KafkaStreams streams) {
        CompletableFuture<Void> running = new CompletableFuture<>();
        streams.setStateListener((now, before) -> {
            if (now == KafkaStreams.State.RUNNING) {
                running.complete(null);
            } else if (now == KafkaStreams.State.ERROR) {
                running.completeExceptionally(new IllegalStateException("streams failed"));
            }
        });
        return running;
    }

    private static Map<TopicPartition, Long> endOffsets(Admin admin) throws ExecutionException, InterruptedException {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        for (String topic : List.of(dev.fabric.topics.Topics.BIDS.name(), dev.fabric.topics.Topics.OFFERS.name())) {
            for (int p = 0; p < dev.fabric.topics.Topics.BID_PARTITIONS; p++) {
                request.put(new TopicPartition(topic, p), OffsetSpec.latest());
            }
        }
        Map<TopicPartition, Long> end = new HashMap<>();
        admin.listOffsets(request).all().get().forEach((tp, info) -> end.put(tp, info.offset()));
        return end;
    }

    /**
     * The measured part of a drain: from the first poll that sees offsets committed by the application
     * (what it had committed then is left out) until its committed offsets reach the end.
     */
    record Window(long startNanos, long startCpuNanos, long committedAtStart, long endNanos, long endCpuNanos) {
    }

    /**
     * Completes once the application's committed offsets reach {@code end} on every input partition. When
     * the polls (every 100 ms) cannot see the drain under way, because more than half of it was committed
     * before the first poll saw a commit or between two polls, the window is the whole run from
     * {@code KafkaStreams.start()} (startup included, so the rate is if anything understated): one
     * pass-through drain committed most of 1.4 M records between two polls and would have claimed
     * 1.2 M records/s at 1 µs of CPU each.
     */
    private static Window awaitCommitted(Admin admin, String applicationId, Map<TopicPartition, Long> end, long startedNanos,
                                         long startedCpuNanos, Duration timeout) throws Exception {
        long total = end.values().stream().mapToLong(Long::longValue).sum();
        CompletableFuture<Window> done = new CompletableFuture<>();
        long[] start = {-1, 0, 0};   // first poll seeing commits: nanos, process CPU, committed sum
        long[] previous = {0, 0};    // committed sum at the last poll, largest step between two polls
        ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor();
        try {
            poller.scheduleWithFixedDelay(() -> {
                try {
                    Map<TopicPartition, OffsetAndMetadata> committed =
                            admin.listConsumerGroupOffsets(applicationId).partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
                    long nanos = System.nanoTime();
                    long cpu = processCpuNanos();
                    long sum = end.keySet().stream().mapToLong(tp -> committed.get(tp) == null ? 0 : committed.get(tp).offset()).sum();
                    boolean caughtUp = end.entrySet().stream().allMatch(e -> committed.get(e.getKey()) != null
                            && committed.get(e.getKey()).offset() >= e.getValue());
                    if (start[0] >= 0) {
                        previous[1] = Math.max(previous[1], sum - previous[0]);
                    }
                    previous[0] = sum;
                    if (start[0] < 0 && sum > 0) {
                        start[0] = nanos;
                        start[1] = cpu;
                        start[2] = sum;
                    }
                    if (caughtUp) {
                        boolean seenUnderWay = start[2] <= total / 2 && previous[1] <= total / 2;
                        done.complete(seenUnderWay ? new Window(start[0], start[1], start[2], nanos, cpu)
                                : new Window(startedNanos, startedCpuNanos, 0, nanos, cpu));
                    }
                } catch (Exception e) {
                    LOG.debugf("committed offsets not readable yet: %s", e.getMessage());
                }
            }, 0, 100, TimeUnit.MILLISECONDS);
            return done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } finally {
            poller.shutdownNow();
        }
    }

    /** Waits until every input partition is assigned to the application (latest offsets resolved), so no live record is missed. */
    private static void awaitAssignedAtEnd(KafkaStreams streams, Duration timeout) throws Exception {
        CompletableFuture<Void> done = new CompletableFuture<>();
        ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor();
        try {
            poller.scheduleWithFixedDelay(() -> {
                // Lag metrics exist once a partition's position is resolved and fetched: nothing written now is skipped.
                ConsumerLagBacklog lag = new ConsumerLagBacklog(streams::metrics);
                boolean atEnd = java.util.stream.IntStream.range(0, dev.fabric.topics.Topics.BID_PARTITIONS)
                        .noneMatch(p -> lag.pending(new org.apache.kafka.streams.processor.TaskId(0, p)));
                if (atEnd) {
                    done.complete(null);
                }
            }, 0, 100, TimeUnit.MILLISECONDS);
            try {
                done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                LOG.warnf("assignment not confirmed within %s; measuring anyway", timeout);
            }
        } finally {
            poller.shutdownNow();
        }
    }

    /**
     * Where the stream threads' time went (Kafka Streams thread metrics) and what their producers' commits
     * cost (flush, offsets, end of transaction): the answer to "why not faster".
     */
    private static void logThreadRatios(String applicationId, KafkaStreams streams) {
        java.util.Set<String> threadMetrics = java.util.Set.of("poll-ratio", "process-ratio", "commit-ratio", "punctuate-ratio",
                "commit-latency-avg", "commit-latency-max", "commit-total", "poll-latency-avg", "process-latency-avg", "blocked-time-ns-total");
        java.util.Set<String> producerMetrics = java.util.Set.of("flush-time-ns-total", "txn-send-offsets-time-ns-total", "txn-commit-time-ns-total",
                "request-latency-avg", "request-latency-max", "batch-size-avg", "compression-rate-avg");
        streams.metrics().forEach((name, metric) -> {
            if ("stream-thread-metrics".equals(name.group()) && threadMetrics.contains(name.name())) {
                LOG.infof("%s %s %s = %s", applicationId, name.tags().get("thread-id"), name.name(), metric.metricValue());
            } else if ("producer-metrics".equals(name.group()) && producerMetrics.contains(name.name())) {
                LOG.infof("%s %s %s = %s", applicationId, name.tags().get("client-id"), name.name(), metric.metricValue());
            }
        });
    }

    /**
     * The embedded broker's request times (since it started) and error counts: where a commit's time goes
     * (a transaction's produce, partition adds, offset commit, end and markers), for reading a live phase's log.
     */
    private static void logBrokerRequestTimes() throws javax.management.JMException {
        var server = ManagementFactory.getPlatformMBeanServer();
        java.util.Set<String> requests = java.util.Set.of("Produce", "Fetch", "AddPartitionsToTxn", "EndTxn", "TxnOffsetCommit", "WriteTxnMarkers");
        for (var name : server.queryNames(new javax.management.ObjectName("kafka.network:type=RequestMetrics,*"), null)) {
            String request = name.getKeyProperty("request");
            String metric = name.getKeyProperty("name");
            if ("ErrorsPerSec".equals(metric) && !"NONE".equals(name.getKeyProperty("error"))) {
                LOG.infof("broker %s error %s: %s", request, name.getKeyProperty("error"), server.getAttribute(name, "Count"));
            } else if ("TotalTimeMs".equals(metric) && requests.contains(request)) {
                LOG.infof("broker %s total time: %s requests, mean %.2f ms, p99 %.2f ms", request, server.getAttribute(name, "Count"),
                        (Double) server.getAttribute(name, "Mean"), (Double) server.getAttribute(name, "99thPercentile"));
            }
        }
    }

    static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    /** CPU time of the application's stream threads since they started (they live only during this drain). */
    private static long streamThreadCpuNanos(String applicationId) {
        java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long total = 0;
        for (java.lang.management.ThreadInfo info : threads.dumpAllThreads(false, false)) {
            if (info.getThreadName().startsWith(applicationId + "-") && info.getThreadName().contains("-StreamThread-")) {
                total += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
            }
        }
        return total;
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static void quiet(String... categories) {
        for (String category : categories) {
            java.util.logging.Logger logger = java.util.logging.Logger.getLogger(category);
            logger.setLevel(Level.WARNING);
            QUIETED.add(logger);
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
