package dev.fabric.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts what a bad-input corpus test fed a boundary and what became of it, so the counts per CI run
 * can be read back (docs/BAD-INPUT.md). {@link #report()} prints one {@code CORPUS <boundary> k=v ...}
 * line and writes {@code target/corpus/<boundary>.properties} in the module under test.
 *
 * <p>Uses the JDK only: modules below the testkit in the reactor take this jar without its
 * dependencies.
 */
public final class CorpusTally {

    private final String boundary;
    private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();

    public CorpusTally(String boundary) {
        this.boundary = boundary;
    }

    /** One input fed to the boundary. */
    public void tried() {
        add("tried", 1);
    }

    /** The boundary refused the input with its documented error. */
    public void rejected() {
        add("rejected", 1);
    }

    /** The input was still acceptable after mutation (e.g. a flipped bit in a free-text field). */
    public void accepted() {
        add("accepted", 1);
    }

    /** The refused input was routed to the dead-letter topic. */
    public void deadLettered() {
        add("dlq", 1);
    }

    public void add(String outcome, long n) {
        counts.computeIfAbsent(outcome, k -> new AtomicLong()).addAndGet(n);
    }

    public long count(String outcome) {
        AtomicLong n = counts.get(outcome);
        return n == null ? 0 : n.get();
    }

    /** Prints the counts and writes them under {@code target/corpus}; returns the printed line. */
    public String report() {
        Map<String, Long> sorted = new TreeMap<>();
        counts.forEach((k, v) -> sorted.put(k, v.get()));
        StringBuilder line = new StringBuilder("CORPUS ").append(boundary);
        sorted.forEach((k, v) -> line.append(' ').append(k).append('=').append(v));
        System.out.println(line);
        Properties properties = new Properties();
        sorted.forEach((k, v) -> properties.setProperty(k, Long.toString(v)));
        Path file = Path.of("target", "corpus", boundary + ".properties");
        try {
            Files.createDirectories(file.getParent());
            try (Writer out = Files.newBufferedWriter(file)) {
                properties.store(out, "bad-input corpus counts for " + boundary);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
        return line.toString();
    }
}
