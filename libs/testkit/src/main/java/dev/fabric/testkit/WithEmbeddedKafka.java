package dev.fabric.testkit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the test class against a real embedded KRaft broker, started once for the class with the
 * catalogue's topics provisioned. Test methods and constructors may take an {@link EmbeddedKafka}
 * and a per-test {@link StreamsStateDir} as parameters.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(EmbeddedKafkaExtension.class)
public @interface WithEmbeddedKafka {

    /** Whether to create the topics of {@code Topics.ALL} before the tests. */
    boolean provisionTopics() default true;
}
