package dev.fabric.grid.launch;

import java.net.URI;
import java.util.regex.Pattern;

/** How the supervisor knows a started process is ready to serve. */
public sealed interface Readiness {

    /** Ready once a line of its output matches. */
    record LogLine(Pattern pattern) implements Readiness {
        public static LogLine containing(String text) {
            return new LogLine(Pattern.compile(Pattern.quote(text)));
        }
    }

    /** Ready once an HTTP GET answers 200 (e.g. Quarkus {@code /q/health/ready}). */
    record HttpOk(URI url) implements Readiness {
    }
}
