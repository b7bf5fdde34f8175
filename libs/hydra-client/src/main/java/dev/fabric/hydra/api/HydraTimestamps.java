package dev.fabric.hydra.api;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses and formats hydra-node's {@code UTCTime} strings.
 *
 * <p>Haskell's {@code UTCTime} JSON carries up to 12 fractional digits (picoseconds), e.g.
 * {@code 2025-07-25T07:42:06.263753056123Z}, which {@link Instant#parse} rejects. Parsing truncates
 * the fraction to nanoseconds and accepts a missing fraction, a {@code Z} or a numeric offset.
 * Formatting writes UTC with as many fractional digits as needed (at most nine), as the node does.
 */
public final class HydraTimestamps {

    private static final Pattern FRACTION = Pattern.compile("(\\.)(\\d+)(?=(Z|z|[+-]\\d{2}:?\\d{2})?$)");
    private static final DateTimeFormatter FORMAT = new DateTimeFormatterBuilder().appendInstant(-1).toFormatter();

    private HydraTimestamps() {
    }

    /**
     * @throws DateTimeParseException if the text is not an ISO-8601 date-time with an offset
     */
    public static Instant parse(String text) {
        String trimmed = text.trim();
        Matcher fraction = FRACTION.matcher(trimmed);
        if (fraction.find() && fraction.group(2).length() > 9) {
            trimmed = trimmed.substring(0, fraction.start(2) + 9) + trimmed.substring(fraction.end(2));
        }
        // Haskell writes "Z"; other producers may write "+00:00" or lower-case "z".
        String normalised = trimmed.endsWith("z") ? trimmed.substring(0, trimmed.length() - 1) + "Z" : trimmed;
        try {
            return Instant.parse(normalised);
        } catch (DateTimeParseException notInstantForm) {
            return OffsetDateTime.parse(normalised).toInstant();
        }
    }

    public static String format(Instant instant) {
        return FORMAT.format(instant);
    }
}
