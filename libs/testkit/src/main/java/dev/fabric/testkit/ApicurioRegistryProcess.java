package dev.fabric.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Apicurio Registry 3.x (the Central {@code apicurio-registry-app} fast-jar, unpacked) as a child
 * process. It needs Java 21+ and cannot share our JVM (its Quarkus and Kafka versions differ).
 */
public final class ApicurioRegistryProcess implements AutoCloseable {

    private final Process process;
    private final int port;
    private final Path log;

    private ApicurioRegistryProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts the registry from {@code home} (holding quarkus-run.jar) with {@code javaHome}'s java; waits until it answers. */
    public static ApicurioRegistryProcess start(Path home, Path javaHome, Duration timeout) {
        Path jar = home.resolve("quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("No Apicurio Registry at " + home + " (expected quarkus-run.jar)");
        }
        Path java = javaHome.resolve("bin/java");
        if (!Files.isExecutable(java)) {
            throw new IllegalStateException("Apicurio Registry needs Java 21+; no java at " + java);
        }
        int port = firstOfTwoFreePorts();
        int management = port + 1;
        try {
            Path log = Files.createTempFile("apicurio-", ".log");
            Process process = new ProcessBuilder(List.of(java.toString(),
                    "-Dquarkus.http.port=" + port, "-Dquarkus.management.port=" + management,
                    "-Dquarkus.http.host=127.0.0.1", "-jar", jar.toString()))
                    .directory(home.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            ApicurioRegistryProcess registry = new ApicurioRegistryProcess(process, port, log);
            registry.awaitReady(timeout);
            return registry;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start Apicurio Registry", e);
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** URL of the core API, what the serdes' {@code apicurio.registry.url} takes. */
    public String coreApiUrl() {
        return baseUrl() + "/apis/registry/v3";
    }

    /** URL of the Confluent-compatible API, for Confluent clients and tools. */
    public String confluentCompatUrl() {
        return baseUrl() + "/apis/ccompat/v7";
    }

    /** GET a path of the registry; returns the body. */
    public String get(String path) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET " + path + " -> " + response.statusCode() + ": " + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void awaitReady(Duration timeout) throws IOException {
        Instant deadline = Instant.now().plus(timeout);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest probe = HttpRequest.newBuilder(URI.create(coreApiUrl() + "/system/info")).timeout(Duration.ofSeconds(2)).GET().build();
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Apicurio Registry exited: " + Files.readString(log));
            }
            try {
                if (http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // connection refused while it boots
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                process.waitFor(200, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        close();
        throw new IllegalStateException("Apicurio Registry not ready after " + timeout + ": " + Files.readString(log));
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private static int firstOfTwoFreePorts() {
        try {
            return FreePorts.block(2);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
