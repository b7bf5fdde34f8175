package dev.fabric.devnet.junit;

import dev.fabric.devnet.HydraDevnet;
import dev.fabric.devnet.UtxoFiles;
import dev.fabric.devnet.head.DevnetConfig;
import dev.fabric.devnet.head.SnapshotPolicy;
import java.time.Duration;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/** The extension behind {@link WithHydraDevnet}: one devnet per test class, closed with the class's store. */
public final class HydraDevnetExtension implements BeforeAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(HydraDevnetExtension.class);

    /** Closes the devnet when JUnit closes the class's store. */
    private record Running(HydraDevnet devnet) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            devnet.close();
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        WithHydraDevnet settings = AnnotationSupport.findAnnotation(context.getRequiredTestClass(), WithHydraDevnet.class)
                .orElseThrow(() -> new IllegalStateException("HydraDevnetExtension needs @WithHydraDevnet on the test class"));
        context.getStore(NAMESPACE).getOrComputeIfAbsent(Running.class, key -> new Running(HydraDevnet.start(config(settings))), Running.class);
    }

    static DevnetConfig config(WithHydraDevnet settings) {
        DevnetConfig config = DevnetConfig.defaults()
                .withSnapshotPolicy(SnapshotPolicy.parse(settings.snapshotPolicy()))
                .withContestationPeriod(Duration.ofSeconds(settings.contestationPeriodSeconds()));
        if (!settings.initialUtxo().isEmpty()) {
            config = config.withInitialUtxo(UtxoFiles.readResourceOrFile(settings.initialUtxo()));
        }
        return config.withStartOpen(settings.open());
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == HydraDevnet.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Running running = context.getStore(NAMESPACE).get(Running.class, Running.class);
        if (running == null) {
            throw new IllegalStateException("no devnet running for " + context.getDisplayName());
        }
        return running.devnet();
    }
}
