package dev.fabric.grid.launch;

import com.bloxbean.cardano.client.crypto.Blake2bUtil;
import com.bloxbean.cardano.client.crypto.SecretKey;
import com.bloxbean.cardano.client.common.model.Network;
import dev.fabric.hydra.api.TxIn;
import dev.fabric.hydra.api.TxOut;
import dev.fabric.hydra.api.Utxo;
import dev.fabric.hydra.api.Value;
import dev.fabric.plutus.tx.KeyFiles;
import dev.fabric.plutus.tx.SigningKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parties of a local grid: the arbiter (settlement), the operators (deployers), the
 * applications (simulated) and the auditor, each with a key derived from its name so that a
 * restarted grid finds its funds again. Development keys only: the seeds are hashes of public
 * labels. Key files are cardano-cli text envelopes, the format the services load.
 */
public final class GridIdentities {

    /** A named party with its signing key and the seed it came from. */
    public record Party(String name, byte[] seed, SigningKey key) {
        public String keyHashHex() {
            return key.keyHash().toString();
        }
    }

    /** RFC 8032 test vector 1: the reputation service's development auditor. */
    public static final String DEV_AUDITOR_SECRET = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";

    private static final long ADA = 1_000_000L;

    private final Party arbiter;
    private final List<Party> operators;
    private final List<Party> applications;

    public GridIdentities(int operators, int applications) {
        this.arbiter = party("arbiter");
        this.operators = new ArrayList<>();
        for (int i = 1; i <= operators; i++) {
            this.operators.add(party("operator-" + i));
        }
        this.applications = new ArrayList<>();
        for (int i = 1; i <= applications; i++) {
            this.applications.add(party("app-" + i));
        }
    }

    public static Party party(String name) {
        byte[] seed = Blake2bUtil.blake2bHash256(("fabric-grid:" + name).getBytes(StandardCharsets.UTF_8));
        try {
            return new Party(name, seed, SigningKey.of(SecretKey.create(seed)));
        } catch (com.bloxbean.cardano.client.exception.CborSerializationException e) {
            throw new IllegalStateException("a 32-byte seed always makes a key", e);
        }
    }

    public Party arbiter() {
        return arbiter;
    }

    public List<Party> operators() {
        return List.copyOf(operators);
    }

    public List<Party> applications() {
        return List.copyOf(applications);
    }

    public static byte[] auditorSecret() {
        return HexFormat.of().parseHex(DEV_AUDITOR_SECRET);
    }

    /** Writes the key files the services read; returns the file of each party by name. */
    public Map<String, Path> writeKeyFiles(Path dir) {
        Map<String, Path> files = new LinkedHashMap<>();
        List<Party> withFiles = new ArrayList<>(operators);
        withFiles.add(0, arbiter);
        try {
            Files.createDirectories(dir);
            for (Party party : withFiles) {
                Path file = dir.resolve(party.name() + ".skey");
                Files.writeString(file, KeyFiles.envelope(party.seed(), "Fabric local grid " + party.name() + " (development key)"));
                files.put(party.name(), file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write key files to " + dir, e);
        }
        return files;
    }

    /**
     * The head's opening funds: {@code coins} outputs of {@code adaPerCoin} for every party, so
     * that parties can run several transactions at once without waiting for change.
     */
    public Utxo initialFunds(Network network, int coins, long adaPerCoin) {
        Map<TxIn, TxOut> outputs = new LinkedHashMap<>();
        List<Party> everyone = new ArrayList<>();
        everyone.add(arbiter);
        everyone.addAll(operators);
        everyone.addAll(applications);
        for (Party party : everyone) {
            String genesis = HexFormat.of().formatHex(Blake2bUtil.blake2bHash256(("fabric-grid-genesis:" + party.name())
                    .getBytes(StandardCharsets.UTF_8)));
            String address = party.key().address(network).toBech32();
            for (int i = 0; i < coins; i++) {
                outputs.put(new TxIn(genesis, i), TxOut.of(address, Value.lovelace(BigInteger.valueOf(adaPerCoin * ADA))));
            }
        }
        return new Utxo(outputs);
    }
}
