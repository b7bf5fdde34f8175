package dev.fabric.events.schema;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;

/**
 * Released versions of the topic value schemas, stored fully resolved under
 * {@code dev/fabric/events/history/<full name>/v<N>.avsc} in this jar.
 *
 * <p>They serve two purposes: the compatibility test checks the current schema against every one
 * of them, and the plain serde recognises records written with any of them (single-object
 * encoding names the writer schema by fingerprint).
 */
public final class SchemaHistory {

    /** Classpath folder of the released schemas; {@code SchemaRelease} writes here. */
    public static final String ROOT = "dev/fabric/events/history/";

    private SchemaHistory() {
    }

    /** Released versions of the record, oldest first; empty when it was never released. */
    public static List<Schema> releasedVersions(String fullName) {
        List<Schema> versions = new ArrayList<>();
        ClassLoader loader = SchemaHistory.class.getClassLoader();
        for (int v = 1; ; v++) {
            String path = resource(fullName, v);
            try (InputStream in = loader.getResourceAsStream(path)) {
                if (in == null) {
                    return versions;
                }
                versions.add(new Schema.Parser().parse(in));
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read released schema " + path, e);
            }
        }
    }

    static String resource(String fullName, int version) {
        return ROOT + fullName + "/v" + version + ".avsc";
    }
}
