package dev.fabric.auction;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * Entry point of the packaged service. Avro (>= 1.11.4) refuses to instantiate generated classes
 * outside trusted packages and reads the list once, when its reader class loads; this sets it before
 * anything can load Avro, unless the JVM was started with it already.
 */
@QuarkusMain
public final class AuctionMain {

    static final String AVRO_TRUSTED_PACKAGES = "org.apache.avro.SERIALIZABLE_PACKAGES";

    private AuctionMain() {
    }

    public static void main(String... args) {
        if (System.getProperty(AVRO_TRUSTED_PACKAGES) == null) {
            System.setProperty(AVRO_TRUSTED_PACKAGES, "dev.fabric");
        }
        Quarkus.run(args);
    }
}
