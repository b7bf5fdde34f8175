package dev.fabric.grid.launch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Starts the grid's processes in order, waits for each to be ready, and stops them in reverse
 * order. Each process writes to its own log file; a process that exits or misses its startup limit
 * stops the start with the tail of its log. Chaos tests kill (SIGKILL) and restart processes by name,
 * several at once (each process from one thread at a time).
 */
public final class ProcessSupervisor implements AutoCloseable {

    private final Path logDir;
    private final Consumer<String> progress;
    /** HTTP/1.1: an h2c upgrade to a Vert.x server that restarts on the same port can leave a response read as HTTP/2 frames. */
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(1)).build();
    private final Map<String, ProcessSpec> specs = Collections.synchronizedMap(new LinkedHashMap<>());
    private final Map<String, Process> running = Collections.synchronizedMap(new LinkedHashMap<>());

    public ProcessSupervisor(Path logDir, Consumer<String> progress) {
        this.logDir = logDir;
        this.progress = progress;
        try {
            Files.createDirectories(logDir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create log folder " + logDir, e);
        }
    }

    /** Starts a process and returns once it is ready. */
    public void start(ProcessSpec spec) {
        specs.put(spec.name(), spec);
        Instant started = Instant.now();
        progress.accept(String.format("  … starting %-12s", spec.name()));
        Path log = spec.logFile(logDir);
        Process process;
        try {
            ProcessBuilder builder = new ProcessBuilder(spec.command()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().putAll(spec.environment());
            long offset = Files.exists(log) ? Files.size(log) : 0;
            process = builder.start();
            running.put(spec.name(), process);
            awaitReady(spec, process, log, offset);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + spec.name(), e);
        }
        progress.accept(String.format("  ✔ %-12s up in %4.1f s%s", spec.name(),
                Duration.between(started, Instant.now()).toMillis() / 1000.0,
                spec.endpoint() == null ? "" : "  " + spec.endpoint()));
    }

    private void awaitReady(ProcessSpec spec, Process process, Path log, long offset) throws IOException {
        Instant deadline = Instant.now().plus(spec.startupLimit());
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new GridStartException(spec.name() + " exited with code " + process.exitValue() + ":\n" + tail(log, 30));
            }
            if (isReady(spec.readiness(), log, offset)) {
                return;
            }
            try {
                process.waitFor(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new GridStartException("interrupted while starting " + spec.name());
            }
        }
        throw new GridStartException(spec.name() + " not ready after " + spec.startupLimit().toSeconds() + " s:\n" + tail(log, 30));
    }

    private boolean isReady(Readiness readiness, Path log, long offset) throws IOException {
        if (readiness instanceof Readiness.LogLine line) {
            String text = new String(Files.readAllBytes(log), StandardCharsets.UTF_8);
            return line.pattern().matcher(text.substring((int) Math.min(offset, text.length()))).find();
        }
        Readiness.HttpOk ok = (Readiness.HttpOk) readiness;
        try {
            return http.send(HttpRequest.newBuilder(ok.url()).timeout(Duration.ofSeconds(2)).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException notYet) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Kills a process the hard way (SIGKILL), as a crash would. */
    public void kill(String name) {
        Process process = running.remove(name);
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Starts a killed or stopped process again with its original spec. */
    public void restart(String name) {
        ProcessSpec spec = specs.get(name);
        if (spec == null) {
            throw new IllegalArgumentException("unknown process " + name);
        }
        stop(name);
        start(spec);
    }

    /** Stops a process gracefully (SIGTERM, then SIGKILL after 20 s). */
    public void stop(String name) {
        Process process = running.remove(name);
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    public List<String> names() {
        synchronized (specs) {
            return List.copyOf(specs.keySet());
        }
    }

    public Optional<Process> process(String name) {
        return Optional.ofNullable(running.get(name));
    }

    /** Stops everything, last started first. */
    @Override
    public void close() {
        List<String> names;
        synchronized (running) {
            names = new ArrayList<>(running.keySet());
        }
        Collections.reverse(names);
        for (String name : names) {
            stop(name);
            progress.accept("  ✖ stopped " + name);
        }
    }

    static String tail(Path log, int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
