package dev.fabric.devnet;

import dev.fabric.hydra.api.HydraJson;
import dev.fabric.hydra.api.Utxo;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads an initial UTxO in hydra-node's JSON form ({@code {"<txId>#<ix>": TxOut, ...}}, as {@code --initial-utxo} takes). */
public final class UtxoFiles {

    private UtxoFiles() {
    }

    public static Utxo read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the initial UTxO " + file, e);
        }
    }

    /** @param location a classpath resource, or a file path when no such resource exists */
    public static Utxo readResourceOrFile(String location) {
        InputStream resource = Thread.currentThread().getContextClassLoader().getResourceAsStream(location.replaceFirst("^/", ""));
        if (resource == null) {
            return read(Path.of(location));
        }
        try (InputStream in = resource) {
            return read(in, location);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the initial UTxO " + location, e);
        }
    }

    private static Utxo read(InputStream in, String name) throws IOException {
        try {
            return HydraJson.mapper().readValue(in, Utxo.class);
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException(name + " is not a UTxO JSON object {\"<txId>#<ix>\": TxOut}: " + e.getMessage(), e);
        }
    }
}
