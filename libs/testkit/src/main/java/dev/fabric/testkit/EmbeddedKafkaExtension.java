package dev.fabric.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/** JUnit 5 extension behind {@link WithEmbeddedKafka}; it also sets up {@link ConsoleLogging}. */
public final class EmbeddedKafkaExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(EmbeddedKafkaExtension.class);
    private static final String BROKER = "broker";

    @Override
    public void beforeAll(ExtensionContext context) {
        ConsoleLogging.configure();   // the broker logs in this JVM: at WARN, and somewhere a failure can be read
        EmbeddedKafka kafka = EmbeddedKafka.start();
        boolean provision = AnnotationSupport.findAnnotation(context.getRequiredTestClass(), WithEmbeddedKafka.class)
                .map(WithEmbeddedKafka::provisionTopics).orElse(true);
        if (provision) {
            kafka.provisionTopics();
        }
        context.getStore(NS).put(BROKER, kafka);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        EmbeddedKafka kafka = context.getStore(NS).remove(BROKER, EmbeddedKafka.class);
        if (kafka != null) {
            kafka.destroy();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == EmbeddedKafka.class || type == StreamsStateDir.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        if (type == EmbeddedKafka.class) {
            EmbeddedKafka kafka = context.getStore(NS).get(BROKER, EmbeddedKafka.class);
            if (kafka == null) {
                throw new ParameterResolutionException("No embedded broker: annotate the class with @WithEmbeddedKafka");
            }
            return kafka;
        }
        try {
            StreamsStateDir dir = new StreamsStateDir(Files.createTempDirectory("fabric-streams-"));
            // Closed (deleted) when the test that asked for it ends.
            context.getStore(NS).put(dir.path().toString(), (ExtensionContext.Store.CloseableResource) () -> Directories.deleteRecursively(dir.path()));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
