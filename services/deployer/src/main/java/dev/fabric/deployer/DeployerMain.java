package dev.fabric.deployer;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * Entry point. Avro (>= 1.11.4) refuses to instantiate generated classes outside the packages
 * named by {@value #AVRO_TRUSTED_PACKAGES}, and reads that property once, when its reader class
 * loads; so it is set here, before anything can load Avro. A value given with {@code -D} wins.
 */
@QuarkusMain
public final class DeployerMain {

    static final String AVRO_TRUSTED_PACKAGES = "org.apache.avro.SERIALIZABLE_PACKAGES";
    static final String FABRIC_EVENTS = "dev.fabric";

    private DeployerMain() {
    }

    public static void main(String... args) {
        trustFabricEvents();
        Quarkus.run(args);
    }

    static void trustFabricEvents() {
        String current = System.getProperty(AVRO_TRUSTED_PACKAGES);
        if (current == null || current.isBlank()) {
            System.setProperty(AVRO_TRUSTED_PACKAGES, FABRIC_EVENTS);
        } else if (!java.util.Arrays.asList(current.split(",")).contains(FABRIC_EVENTS)) {
            System.setProperty(AVRO_TRUSTED_PACKAGES, current + "," + FABRIC_EVENTS);
        }
    }
}
