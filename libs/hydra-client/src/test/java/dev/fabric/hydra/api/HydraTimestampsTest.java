package dev.fabric.hydra.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.DateTimeException;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class HydraTimestampsTest {

    @ParameterizedTest
    @CsvSource({
            "2025-07-25T07:42:06.263753056123Z, 2025-07-25T07:42:06.263753056Z",
            "1864-05-09T23:37:45.065451656788Z, 1864-05-09T23:37:45.065451656Z",
            "2025-07-25T07:42:06.263753056Z, 2025-07-25T07:42:06.263753056Z",
            "2025-07-25T07:42:06.5Z, 2025-07-25T07:42:06.500Z",
            "2025-07-25T07:42:06Z, 2025-07-25T07:42:06Z",
            "2025-07-25T09:42:06.1234567890+02:00, 2025-07-25T07:42:06.123456789Z",
            "2025-07-25T07:42:06.25z, 2025-07-25T07:42:06.250Z"})
    void shouldParseUpToPicosecondsTruncatingToNanos(String text, String expected) {
        assertEquals(Instant.parse(expected), HydraTimestamps.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "yesterday", "2025-07-25", "2025-07-25T07:42:06", "2025-13-25T07:42:06Z"})
    void shouldRejectWhatIsNotAnInstant(String text) {
        assertThrows(DateTimeException.class, () -> HydraTimestamps.parse(text));
    }

    @ParameterizedTest
    @CsvSource({
            "2026-07-20T10:11:12.123456789Z, 2026-07-20T10:11:12.123456789Z",
            "2026-07-20T10:11:12.120Z, 2026-07-20T10:11:12.12Z",
            "2026-07-20T10:11:12Z, 2026-07-20T10:11:12Z"})
    void shouldFormatUtcWithTheDigitsNeeded(String instant, String expected) {
        assertEquals(expected, HydraTimestamps.format(Instant.parse(instant)));
    }
}
