package dev.fabric.ingest.it;

import dev.fabric.devnet.HydraDevnet;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** A funded devnet for a {@code @QuarkusTest}, configured as the service's only head ({@value #NODE}). */
public final class IngestDevnetResource implements QuarkusTestResourceLifecycleManager {

    public static final String NODE = "quarkus-devnet";

    private HydraDevnet devnet;

    @Override
    public Map<String, String> start() {
        devnet = DevnetGrid.startDevnet();
        return Map.of(
                "fabric.ingest.heads[0].name", NODE,
                "fabric.ingest.heads[0].ws-url", devnet.webSocketUri().toString(),
                "fabric.ingest.heads[0].http-url", devnet.httpUri().toString());
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(devnet, new TestInjector.MatchesType(HydraDevnet.class));
    }

    @Override
    public void stop() {
        if (devnet != null) {
            devnet.close();
        }
    }
}
