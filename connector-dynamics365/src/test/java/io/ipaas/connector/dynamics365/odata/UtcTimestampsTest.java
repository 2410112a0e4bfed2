package io.ipaas.connector.dynamics365.odata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UtcTimestampsTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "2026-01-02T03:04:05Z",
                "2026-01-02T03:04:05.1Z",
                "2026-01-02T03:04:05.123Z",
                "2026-01-02T03:04:05.1234567Z",
                "2026-01-02T03:04:05.123456789Z",
                "0001-01-01T00:00:00Z",
                "2024-02-29T23:59:59.999Z",
                "1969-12-31T23:59:59.5Z",
                "2026-01-02T03:04:05+01:00",
                "2026-01-02T03:04:05.123+00:00",
                // forms the fast path leaves to Instant.parse, which takes them
                "2026-01-02T24:00:00Z",
                "2026-01-02T03:04:05.Z"
            })
    void agreesWithInstantParse(String text) {
        assertEquals(Instant.parse(text), UtcTimestamps.parse(text));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "2026-13-02T03:04:05Z",
                "2025-02-29T03:04:05Z",
                "2026-01-02T03:60:05Z",
                "2026-01-02 03:04:05Z",
                "2026-01-02T03:04:05.1234567890Z",
                "2026-01-0xT03:04:05Z",
                "yesterday",
                ""
            })
    void refusesWhatInstantParseRefuses(String text) {
        assertThrows(DateTimeParseException.class, () -> Instant.parse(text));
        assertThrows(DateTimeParseException.class, () -> UtcTimestamps.parse(text));
    }
}
