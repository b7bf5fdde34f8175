package dev.fabric.bench.auction;

import java.util.Map;
import java.util.TreeMap;

/** The run as Markdown, for RESULTS.md. */
final class Report {

    private Report() {
    }

    static String markdown(Map<String, String> options, AuctionBenchmark.Drain auction, AuctionBenchmark.Drain passThrough,
                           DecisionAudit audit, java.util.List<AuctionBenchmark.Live> lives, long liveLatenessMs,
                           int liveCommitMs, int commitMs, int threads, int warmupBids) {
        StringBuilder md = new StringBuilder();
        md.append("Arguments: `").append(new TreeMap<>(options)).append("`; ").append(threads).append(" stream threads, exactly_once_v2, ")
                .append("RocksDB stores; ").append(Runtime.getRuntime().availableProcessors()).append(" CPUs, ")
                .append(System.getProperty("java.vm.name")).append(' ').append(System.getProperty("java.version")).append("\n\n");
        md.append("Throughput (backlog drained from the start, commit.interval.ms=").append(commitMs)
                .append(warmupBids > 0 ? "; after a warm-up drain of " + warmupBids + " bids on a separate broker" : "; no warm-up: JIT included")
                .append("):\n\n");
        md.append("| topology | records | offers | seconds | offers/s | records/s | CPU µs/record, whole JVM | of which stream threads | load avg before→after |\n");
        md.append("|---|---|---|---|---|---|---|---|---|\n");
        for (AuctionBenchmark.Drain d : new AuctionBenchmark.Drain[] {auction, passThrough}) {
            md.append(String.format("| %s | %d | %d | %.1f | %.0f | %.0f | %.1f | %.1f | %.1f→%.1f |%n", d.topology(), d.records(), d.offers(),
                    d.seconds(), d.offersPerSecond(), d.recordsPerSecond(), d.cpuMicrosPerRecord(), d.streamCpuMicrosPerRecord(), d.loadBefore(),
                    d.loadAfter()));
        }
        md.append(String.format("%nRatio auction / pass-through: %.2f (wall-clock throughput), %.2f (whole-JVM CPU per record, pass-through / auction)%n",
                auction.offersPerSecond() / passThrough.offersPerSecond(), passThrough.cpuMicrosPerRecord() / auction.cpuMicrosPerRecord()));
        md.append(String.format("%nDecisions: %d committed for %d bids, %d bids decided, %d bids with more than one decision%n",
                audit.decisions(), audit.expectedBids(), audit.decidedBids(), audit.duplicated()));
        if (lives.isEmpty()) {
            return md.toString();
        }
        md.append("\nLatency (live load, lateness ").append(liveLatenessMs).append(" ms, commit.interval.ms=").append(liveCommitMs).append("):\n\n");
        md.append("| topology | measured | offers/s offered | samples | p50 ms | p90 ms | p99 ms | max ms | load avg |\n");
        md.append("|---|---|---|---|---|---|---|---|---|\n");
        for (AuctionBenchmark.Live l : lives) {
            md.append(String.format("| %s | %s | %.0f | %d | %d | %d | %d | %d | %.1f |%n", l.topology(), l.measured(), l.offersPerSecond(),
                    l.samples(), l.latencyMs().getValueAtPercentile(50), l.latencyMs().getValueAtPercentile(90),
                    l.latencyMs().getValueAtPercentile(99), l.latencyMs().getMaxValue(), l.loadAverage()));
        }
        return md.toString();
    }
}
