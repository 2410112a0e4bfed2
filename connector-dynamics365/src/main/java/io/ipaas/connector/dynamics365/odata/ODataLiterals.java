package io.ipaas.connector.dynamics365.odata;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** OData v4 literal syntax as Business Central parses it in {@code $filter}. */
public final class ODataLiterals {
    // BC stores SystemModifiedAt with millisecond precision; more digits would never match with eq/ge
    private static final DateTimeFormatter DATE_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private ODataLiterals() {}

    /** A quoted string literal; a single quote inside is doubled, as OData requires. */
    public static String string(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    /** A bare DateTimeOffset literal in UTC with milliseconds, e.g. {@code 2026-03-09T00:00:00.000Z}. */
    public static String dateTime(Instant instant) {
        return DATE_TIME.format(instant);
    }
}
