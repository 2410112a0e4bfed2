package io.ipaas.bcsandbox.odata;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * How BC writes an Edm.DateTimeOffset: UTC, millisecond precision, trailing zeros of the fraction dropped
 * ({@code 2026-03-10T09:14:02.407Z}, {@code 2026-03-10T09:14:02.41Z}, {@code 2026-03-10T09:14:02Z}), the
 * way .NET's OData writer formats it. Clients must parse ISO-8601, not assume three digits.
 */
public final class ODataTime {
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");

    private ODataTime() {}

    public static String format(Instant instant) {
        Instant millis = instant.truncatedTo(ChronoUnit.MILLIS);
        StringBuilder text = new StringBuilder(SECONDS.format(LocalDateTime.ofInstant(millis, ZoneOffset.UTC)));
        int ms = millis.getNano() / 1_000_000;
        if (ms != 0) {
            String fraction = String.format("%03d", ms);
            int end = fraction.length();
            while (fraction.charAt(end - 1) == '0') {
                end--;
            }
            text.append('.').append(fraction, 0, end);
        }
        return text.append('Z').toString();
    }
}
