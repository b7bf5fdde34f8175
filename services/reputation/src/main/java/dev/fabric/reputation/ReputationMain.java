package dev.fabric.reputation;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * Entry point. Avro (>= 1.11.4) refuses to instantiate generated classes outside trusted packages;
 * the event classes live under {@code dev.fabric}, so trust that package unless the operator of the
 * JVM already chose (e.g. {@code -Dorg.apache.avro.SERIALIZABLE_PACKAGES=...}). Set before Quarkus
 * starts, i.e. before the first Avro reader exists.
 */
@QuarkusMain
public final class ReputationMain {

    static final String AVRO_TRUSTED_PACKAGES = "org.apache.avro.SERIALIZABLE_PACKAGES";

    private ReputationMain() {
    }

    public static void main(String... args) {
        if (System.getProperty(AVRO_TRUSTED_PACKAGES) == null) {
            System.setProperty(AVRO_TRUSTED_PACKAGES, "dev.fabric");
        }
        Quarkus.run(args);
    }
}
