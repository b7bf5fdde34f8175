package dev.fabric.devnet.head;

import dev.fabric.hydra.api.Utxo;
import dev.fabric.plutus.params.ProtocolParameters;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Everything a devnet is started with. Build from {@link #defaults()} and the {@code with*} methods;
 * the record validates itself, so a bad configuration fails at start with a clear message.
 *
 * @param host               bind address (hydra-node's default is 127.0.0.1)
 * @param port               0 picks a free port
 * @param dataDir            where the event log lives; null keeps it in memory (lost on close)
 * @param initialUtxo        committed right after the head opens, like hydra-node's offline mode
 * @param startOpen          open the head at start instead of waiting for {@code Init}
 * @param snapshotPolicy     when snapshots are taken
 * @param contestationPeriod from {@code HeadIsClosed} to {@code ReadyToFanout}
 * @param depositPeriod      a deposit's deadline after it is recorded
 * @param systemStart        POSIX time of slot 0; slots are 1 s long
 * @param nodeKeyName        names the devnet's Hydra (party) key, derived deterministically
 * @param txRetries          times a transaction that does not apply is retried (hydra-node: 5)
 * @param txRetryDelay       delay between those retries (hydra-node: 100 ms)
 */
public record DevnetConfig(
        String host,
        int port,
        Path dataDir,
        Utxo initialUtxo,
        boolean startOpen,
        SnapshotPolicy snapshotPolicy,
        Duration contestationPeriod,
        Duration depositPeriod,
        Instant systemStart,
        ProtocolParameters protocolParameters,
        String nodeKeyName,
        int txRetries,
        Duration txRetryDelay,
        Duration transactionTimeout,
        Clock clock) {

    public static final String HYDRA_NODE_VERSION = "2.3.0-fabric-devnet";

    public DevnetConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(initialUtxo, "initialUtxo");
        Objects.requireNonNull(snapshotPolicy, "snapshotPolicy");
        Objects.requireNonNull(contestationPeriod, "contestationPeriod");
        Objects.requireNonNull(depositPeriod, "depositPeriod");
        Objects.requireNonNull(systemStart, "systemStart");
        Objects.requireNonNull(protocolParameters, "protocolParameters");
        Objects.requireNonNull(nodeKeyName, "nodeKeyName");
        Objects.requireNonNull(txRetryDelay, "txRetryDelay");
        Objects.requireNonNull(transactionTimeout, "transactionTimeout");
        Objects.requireNonNull(clock, "clock");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, got " + port);
        }
        if (contestationPeriod.isNegative() || depositPeriod.isNegative()) {
            throw new IllegalArgumentException("contestation and deposit periods must not be negative");
        }
        if (txRetries < 0) {
            throw new IllegalArgumentException("txRetries must not be negative, got " + txRetries);
        }
    }

    /** Loopback, a free port, in memory, head idle until {@code Init}, one snapshot per transaction. */
    public static DevnetConfig defaults() {
        return new DevnetConfig("127.0.0.1", 0, null, Utxo.EMPTY, false, SnapshotPolicy.perTransaction(),
                Duration.ofSeconds(60), Duration.ofHours(1), Instant.parse("2026-01-01T00:00:00Z"),
                ProtocolParameters.l2Default(), "devnet-node", 5, Duration.ofMillis(100), Duration.ofSeconds(300),
                Clock.systemUTC());
    }

    public DevnetConfig withHost(String value) {
        return new DevnetConfig(value, port, dataDir, initialUtxo, startOpen, snapshotPolicy, contestationPeriod, depositPeriod,
                systemStart, protocolParameters, nodeKeyName, txRetries, txRetryDelay, transactionTimeout, clock);
    }

    public DevnetConfig withPort(int value) {
        return new DevnetConfig(host, value, dataDir, initialUtxo, startOpen, snapshotPolicy, contestationPeriod, depositPeriod,
                systemStart, protocolParameters, nodeKeyName, txRetries, txRetryDelay, transactionTimeout, clock);
    }

    public DevnetConfig withDataDir(Path value) {
        return new DevnetConfig(host, port, value, initialUtxo, startOpen, snapshotPolicy, contestationPeriod, depositPeriod,
                systemStart, protocolParameters, nodeKeyName, txRetries, txRetryDelay, transactionTimeout, clock);
    }

    /** Opens the head at start and commits {@code value} into it. */
    public DevnetConfig withInitialUtxo(Utxo value) {
        return new DevnetConfig(host, port, dataDir, value, true, snapshotPolicy, contestationPeriod, depositPeriod,
                systemStart, protocolParameters, nodeKeyName, txRetries, txRetryDelay, transactionTimeout, clock);
    }

    public DevnetConfig withStartOpen(boolean value) {
        return new DevnetConfig(host, port, dataDir, initialUtxo, value, snapshotPolicy, contestationPeriod, depositPeriod,
                systemStart, protocolParameters, nodeKeyName, txRetries, txRetryDelay, transactionTimeout, clock);
    }

    public DevnetConfig withSnapshotPolicy(SnapshotPolicy value) {
        return new DevnetConfig(host, port, dataDir, initialUtxo, startOpen, value, contestationPeriod, depositPeriod,
                systemStart, protocolParameters, nodeKeyName, txRetries, txRetryDelay, transactionTimeout, clock);
    }

    public DevnetConfig withContestationPeriod(Duration value) {
        return new DevnetConfig(host, port, dataDir, initialUtxo, startOpen, snapshotPolicy, value, depositPeriod,
                systemStart, protocolParameters, nodeKeyName, txRetries, txRetryDelay, transactionTimeout, clock);
    }

    public DevnetConfig withDepositPeriod(Duration value) {
        return new DevnetConfig(host, port, dataDir, initialUtxo, startOpen, snapshotPolicy, contestationPeriod, value,
                systemStart, protocolParameters, nodeKeyName, txRetries, txRetryDelay, transactionTimeout, clock);
    }

    public DevnetConfig withSystemStart(Instant value) {
        return new DevnetConfig(host, port, dataDir, initialUtxo, startOpen, snapshotPolicy, contestationPeriod, depositPeriod,
                value, protocolParameters, nodeKeyName, txRetries, txRetryDelay, transactionTimeout, clock);
    }

    public DevnetConfig withProtocolParameters(ProtocolParameters value) {
        return new DevnetConfig(host, port, dataDir, initialUtxo, startOpen, snapshotPolicy, contestationPeriod, depositPeriod,
                systemStart, value, nodeKeyName, txRetries, txRetryDelay, transactionTimeout, clock);
    }

    public DevnetConfig withNodeKeyName(String value) {
        return new DevnetConfig(host, port, dataDir, initialUtxo, startOpen, snapshotPolicy, contestationPeriod, depositPeriod,
                systemStart, protocolParameters, value, txRetries, txRetryDelay, transactionTimeout, clock);
    }

    public DevnetConfig withTxRetries(int retries, Duration delay) {
        return new DevnetConfig(host, port, dataDir, initialUtxo, startOpen, snapshotPolicy, contestationPeriod, depositPeriod,
                systemStart, protocolParameters, nodeKeyName, retries, delay, transactionTimeout, clock);
    }

    public DevnetConfig withTransactionTimeout(Duration value) {
        return new DevnetConfig(host, port, dataDir, initialUtxo, startOpen, snapshotPolicy, contestationPeriod, depositPeriod,
                systemStart, protocolParameters, nodeKeyName, txRetries, txRetryDelay, value, clock);
    }

    public DevnetConfig withClock(Clock value) {
        return new DevnetConfig(host, port, dataDir, initialUtxo, startOpen, snapshotPolicy, contestationPeriod, depositPeriod,
                systemStart, protocolParameters, nodeKeyName, txRetries, txRetryDelay, transactionTimeout, value);
    }
}
