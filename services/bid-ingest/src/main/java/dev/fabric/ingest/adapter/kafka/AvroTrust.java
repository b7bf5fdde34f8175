package dev.fabric.ingest.adapter.kafka;

/**
 * Avro (>= 1.11.4) refuses to instantiate generated classes outside the packages named by the system
 * property {@value #PROPERTY}, which its {@code SpecificDatumReader} reads once when it loads. Ingest
 * reads its cursor back, so the property must name {@code dev.fabric} before any serde is built; this
 * sets it unless the JVM was started with it.
 */
public final class AvroTrust {

    public static final String PROPERTY = "org.apache.avro.SERIALIZABLE_PACKAGES";
    public static final String PACKAGE = "dev.fabric";

    private AvroTrust() {
    }

    public static synchronized void ensureTrusted() {
        String current = System.getProperty(PROPERTY);
        if (current == null || current.isBlank()) {
            System.setProperty(PROPERTY, PACKAGE);
        } else if (!java.util.Arrays.asList(current.split(",")).contains(PACKAGE)) {
            System.setProperty(PROPERTY, current + "," + PACKAGE);
        }
    }
}
