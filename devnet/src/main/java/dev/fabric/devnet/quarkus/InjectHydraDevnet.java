package dev.fabric.devnet.quarkus;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Marks a {@code HydraDevnet} field of a Quarkus test for {@link HydraDevnetResource} to fill. */
@Target(ElementType.FIELD)
@Retention(RetentionPolicy.RUNTIME)
public @interface InjectHydraDevnet {
}
