package dev.fabric.devnet;

import dev.fabric.devnet.head.DevnetConfig;
import dev.fabric.devnet.head.SnapshotPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;

/**
 * Runs a devnet for the local grid until it is stopped (Ctrl-C / SIGTERM).
 *
 * <pre>
 * --port 4001  --host 127.0.0.1  --data-dir target/devnet  --initial-utxo utxo.json
 * --snapshot-policy per-tx|batch:&lt;maxTxs&gt;:&lt;maxDelayMs&gt;  --contestation-period-seconds 60
 * --deposit-period-seconds 3600  --system-start 2026-01-01T00:00:00Z  --idle (wait for Init)
 * </pre>
 */
public final class DevnetMain {

    private DevnetMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        DevnetConfig config;
        try {
            config = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("devnet: " + e.getMessage());
            System.err.println("usage: DevnetMain [--port N] [--host H] [--data-dir DIR] [--initial-utxo FILE] "
                    + "[--snapshot-policy per-tx|batch:N:MS] [--contestation-period-seconds N] "
                    + "[--deposit-period-seconds N] [--system-start ISO-8601] [--idle]");
            System.exit(2);
            return;
        }
        HydraDevnet devnet = HydraDevnet.start(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            devnet.close();
            stopped.countDown();
        }, "devnet-shutdown"));
        System.out.println("DEVNET READY ws=" + devnet.webSocketUri() + " http=" + devnet.httpUri()
                + " head=" + devnet.status() + " seq=" + devnet.lastSeq());
        stopped.await();
    }

    static DevnetConfig parse(String[] args) {
        DevnetConfig config = DevnetConfig.defaults().withPort(4001).withStartOpen(true);
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (flag.equals("--idle")) {
                config = config.withStartOpen(false);
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(flag + " needs a value");
            }
            String value = args[++i];
            try {
                config = switch (flag) {
                    case "--port" -> config.withPort(Integer.parseInt(value));
                    case "--host" -> config.withHost(value);
                    case "--data-dir" -> config.withDataDir(Path.of(value));
                    case "--initial-utxo" -> config.withInitialUtxo(UtxoFiles.read(Path.of(value)));
                    case "--snapshot-policy" -> config.withSnapshotPolicy(SnapshotPolicy.parse(value));
                    case "--contestation-period-seconds" -> config.withContestationPeriod(Duration.ofSeconds(Long.parseLong(value)));
                    case "--deposit-period-seconds" -> config.withDepositPeriod(Duration.ofSeconds(Long.parseLong(value)));
                    case "--system-start" -> config.withSystemStart(Instant.parse(value));
                    default -> throw new IllegalArgumentException("unknown option " + flag);
                };
            } catch (NumberFormatException | java.time.format.DateTimeParseException e) {
                throw new IllegalArgumentException(flag + " " + value + ": " + e.getMessage(), e);
            }
        }
        return config;
    }
}
