package dev.fabric.settlement;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * Entry point. Avro (1.11.4 and later) refuses to instantiate generated classes outside trusted
 * packages; the events are {@code dev.fabric.*}, so they are trusted here before anything reads
 * one, unless the JVM was started with its own {@code -Dorg.apache.avro.SERIALIZABLE_PACKAGES}.
 */
@QuarkusMain
public final class SettlementMain {

    static final String AVRO_TRUSTED_PACKAGES = "org.apache.avro.SERIALIZABLE_PACKAGES";

    private SettlementMain() {
    }

    public static void main(String... args) {
        if (System.getProperty(AVRO_TRUSTED_PACKAGES) == null) {
            System.setProperty(AVRO_TRUSTED_PACKAGES, "dev.fabric");
        }
        Quarkus.run(args);
    }
}
