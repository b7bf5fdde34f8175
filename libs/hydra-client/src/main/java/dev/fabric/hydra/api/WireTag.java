package dev.fabric.hydra.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The {@code tag} a record carries on the wire, for the few records whose Java name cannot be the
 * tag itself (a nested record may not share its enclosing interface's name). Without it, the tag is
 * the record's simple name.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface WireTag {
    String value();
}
