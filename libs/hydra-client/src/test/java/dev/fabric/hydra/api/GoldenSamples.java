package dev.fabric.hydra.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The node's golden JSON samples copied into test resources (see golden/PROVENANCE.md). */
public final class GoldenSamples {

    public enum Kind { ServerOutput, ClientInput, Greetings }

    public record Sample(Kind kind, String name, int index, JsonNode json) {
        @Override
        public String toString() {
            return kind + "/" + name + "#" + index;
        }
    }

    private GoldenSamples() {
    }

    public static List<Sample> of(Kind kind) {
        Path folder = root().resolve(kind.name());
        List<Sample> samples = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                JsonNode document = HydraJson.mapper().readTree(file.toFile());
                String name = file.getFileName().toString().replace(".json", "");
                for (int i = 0; i < document.get("samples").size(); i++) {
                    samples.add(new Sample(kind, name, i, document.get("samples").get(i)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (samples.isEmpty()) {
            throw new IllegalStateException("no golden samples in " + folder);
        }
        return samples;
    }

    private static Path root() {
        try {
            return Path.of(GoldenSamples.class.getResource("/golden").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
