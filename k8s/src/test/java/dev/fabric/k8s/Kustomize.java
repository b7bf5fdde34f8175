package dev.fabric.k8s;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Renders a kustomization with {@code kubectl kustomize} (kubectl bundles kustomize) and parses
 * the output with fabric8. Renders are cached per JVM: every test class looks at the same output.
 */
final class Kustomize {

    /** Module directory (surefire runs in k8s/). */
    static final Path K8S = Path.of("").toAbsolutePath();
    /** Repository root. */
    static final Path ROOT = K8S.getParent();

    private static final Map<Path, RenderedManifests> RENDERED = new ConcurrentHashMap<>();

    private Kustomize() {
    }

    /** The objects {@code k8s/<dir>} renders to. */
    static RenderedManifests render(String dir) {
        return RENDERED.computeIfAbsent(K8S.resolve(dir).normalize(), path -> RenderedManifests.parse(dir, build(path)));
    }

    /** Kustomizations the suite ships (each one must render on its own). */
    static List<String> kustomizations() {
        return List.of("overlays/dev", "overlays/prod", "operator", "base", "kafka", "registry", "operator/deployer");
    }

    /** The installable kustomizations: what an operator applies with {@code kubectl apply -k}. */
    static List<String> installable() {
        return List.of("overlays/dev", "overlays/prod", "operator");
    }

    static String build(Path dir) {
        if (!Files.isRegularFile(dir.resolve("kustomization.yaml"))) {
            fail("no kustomization.yaml in " + dir);
        }
        String kubectl = System.getProperty("kubectl", "kubectl");
        Process process;
        try {
            process = new ProcessBuilder(kubectl, "kustomize", dir.toString()).start();
        } catch (IOException e) {
            throw new AssertionError("Cannot run '" + kubectl + "': the k8s tests render the kustomizations with"
                    + " `kubectl kustomize` (kubectl 1.27+ bundles kustomize 5). Install kubectl, or point"
                    + " -Dkubectl=/path/to/kubectl at one.", e);
        }
        try {
            process.getOutputStream().close();
            CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                fail("kubectl kustomize " + dir + " did not finish within 2 minutes");
            }
            if (process.exitValue() != 0) {
                fail("kubectl kustomize " + dir + " failed (exit " + process.exitValue() + "):\n" + err.join());
            }
            return out.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while rendering " + dir, e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
