package dev.fabric.bench.report;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.HdrHistogram.AbstractHistogram;

/**
 * What one benchmark run measured, machine-readable, written beside its Markdown table
 * ({@code target/bench-summary.properties}) so that {@code bench/run} can gather every bench into
 * bench/RESULTS.md and the latency plot. Each figure carries the baseline measured in the same run
 * (the machine is shared, so only same-run ratios compare) and the goal it is held to.
 */
public final class BenchSummary {

    /** Where a bench writes its summary unless told otherwise. */
    public static final String FILE_NAME = "bench-summary.properties";

    /** A throughput or latency figure, its same-run baseline and its goal. */
    public record Figure(String name, String unit, double value, String baselineName, double baseline, Goal goal) {
        public double ratio() {
            return baseline > 0 ? value / baseline : Double.NaN;
        }
    }

    /** Latency percentiles in milliseconds. */
    public record Latency(String name, long samples, double p50, double p90, double p99, double p999, double max) {
        public double[] percentiles() {
            return new double[] {p50, p90, p99, p999, max};
        }
    }

    private final String bench;
    private final List<Figure> figures = new ArrayList<>();
    private final List<Latency> latencies = new ArrayList<>();
    private String notes = "";

    public BenchSummary(String bench) {
        this.bench = bench;
    }

    public BenchSummary figure(String name, String unit, double value, String baselineName, double baseline, Goal goal) {
        figures.add(new Figure(name, unit, value, baselineName, baseline, goal));
        return this;
    }

    public BenchSummary latency(Latency latency) {
        latencies.add(latency);
        return this;
    }

    /** @param unitsPerMs how many of the histogram's units make a millisecond (1000 for microseconds) */
    public BenchSummary latency(String name, AbstractHistogram histogram, double unitsPerMs) {
        return latency(new Latency(name, histogram.getTotalCount(), histogram.getValueAtPercentile(50) / unitsPerMs,
                histogram.getValueAtPercentile(90) / unitsPerMs, histogram.getValueAtPercentile(99) / unitsPerMs,
                histogram.getValueAtPercentile(99.9) / unitsPerMs, histogram.getMaxValue() / unitsPerMs));
    }

    /** One line on how the run was sized (arguments), shown under the bench's rows. */
    public BenchSummary notes(String notes) {
        this.notes = notes;
        return this;
    }

    public String bench() {
        return bench;
    }

    public List<Figure> figures() {
        return List.copyOf(figures);
    }

    public List<Latency> latencies() {
        return List.copyOf(latencies);
    }

    public String notes() {
        return notes;
    }

    public void write(Path file) {
        Properties p = new Properties();
        p.setProperty("bench", bench);
        p.setProperty("notes", notes);
        for (int i = 0; i < figures.size(); i++) {
            Figure f = figures.get(i);
            String k = "figure." + i + ".";
            p.setProperty(k + "name", f.name());
            p.setProperty(k + "unit", f.unit());
            p.setProperty(k + "value", Double.toString(f.value()));
            p.setProperty(k + "baseline.name", f.baselineName());
            p.setProperty(k + "baseline", Double.toString(f.baseline()));
            p.setProperty(k + "goal", f.goal().text());
        }
        for (int i = 0; i < latencies.size(); i++) {
            Latency l = latencies.get(i);
            String k = "latency." + i + ".";
            p.setProperty(k + "name", l.name());
            p.setProperty(k + "samples", Long.toString(l.samples()));
            p.setProperty(k + "p50", Double.toString(l.p50()));
            p.setProperty(k + "p90", Double.toString(l.p90()));
            p.setProperty(k + "p99", Double.toString(l.p99()));
            p.setProperty(k + "p999", Double.toString(l.p999()));
            p.setProperty(k + "max", Double.toString(l.max()));
        }
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                p.store(out, "bench summary (see bench/README.md)");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
        System.out.println("bench summary written to " + file.toAbsolutePath());
    }

    public static BenchSummary read(Path file) {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
        BenchSummary summary = new BenchSummary(required(p, "bench", file)).notes(p.getProperty("notes", ""));
        for (int i = 0; p.containsKey("figure." + i + ".name"); i++) {
            String k = "figure." + i + ".";
            summary.figure(p.getProperty(k + "name"), p.getProperty(k + "unit", ""), number(p, k + "value"),
                    p.getProperty(k + "baseline.name", ""), number(p, k + "baseline"), Goal.parse(p.getProperty(k + "goal")));
        }
        for (int i = 0; p.containsKey("latency." + i + ".name"); i++) {
            String k = "latency." + i + ".";
            summary.latency(new Latency(p.getProperty(k + "name"), Long.parseLong(p.getProperty(k + "samples", "0")),
                    number(p, k + "p50"), number(p, k + "p90"), number(p, k + "p99"), number(p, k + "p999"), number(p, k + "max")));
        }
        return summary;
    }

    private static String required(Properties p, String key, Path file) {
        String value = p.getProperty(key);
        if (value == null) {
            throw new IllegalArgumentException(file + " has no '" + key + "': not a bench summary");
        }
        return value;
    }

    private static double number(Properties p, String key) {
        String value = p.getProperty(key);
        return value == null || value.isBlank() ? Double.NaN : Double.parseDouble(value);
    }
}
