package dev.fabric.devnet.quarkus;

import dev.fabric.devnet.HydraDevnet;
import dev.fabric.devnet.UtxoFiles;
import dev.fabric.devnet.head.DevnetConfig;
import dev.fabric.devnet.head.SnapshotPolicy;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.time.Duration;
import java.util.Map;

/**
 * A devnet for {@code @QuarkusTest}s: {@code @WithTestResource(value = HydraDevnetResource.class,
 * initArgs = @ResourceArg(name = "initial-utxo", value = "devnet/utxo.json"))}.
 *
 * <p>Init args: {@code initial-utxo} (classpath resource or file), {@code snapshot-policy},
 * {@code contestation-period-seconds}, {@code open} (default true). It sets
 * {@value #WS_URL_PROPERTY} and {@value #HTTP_URL_PROPERTY} for the application, and injects the
 * running {@link HydraDevnet} into test fields annotated {@link InjectHydraDevnet}.
 */
public final class HydraDevnetResource implements QuarkusTestResourceLifecycleManager {

    public static final String WS_URL_PROPERTY = "fabric.hydra.url";
    public static final String HTTP_URL_PROPERTY = "fabric.hydra.http-url";

    private Map<String, String> args = Map.of();
    private HydraDevnet devnet;

    @Override
    public void init(Map<String, String> initArgs) {
        args = Map.copyOf(initArgs);
    }

    @Override
    public Map<String, String> start() {
        DevnetConfig config = DevnetConfig.defaults()
                .withSnapshotPolicy(SnapshotPolicy.parse(args.getOrDefault("snapshot-policy", "per-tx")))
                .withContestationPeriod(Duration.ofSeconds(Long.parseLong(args.getOrDefault("contestation-period-seconds", "1"))));
        String utxo = args.get("initial-utxo");
        if (utxo != null && !utxo.isBlank()) {
            config = config.withInitialUtxo(UtxoFiles.readResourceOrFile(utxo));
        }
        devnet = HydraDevnet.start(config.withStartOpen(Boolean.parseBoolean(args.getOrDefault("open", "true"))));
        return Map.of(WS_URL_PROPERTY, devnet.webSocketUri().toString(), HTTP_URL_PROPERTY, devnet.httpUri().toString());
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(devnet, new TestInjector.AnnotatedAndMatchesType(InjectHydraDevnet.class, HydraDevnet.class));
    }

    @Override
    public void stop() {
        if (devnet != null) {
            devnet.close();
        }
    }
}
