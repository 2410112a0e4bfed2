package io.ipaas.connector.api.poll;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Where a read stands, opaque to the host. Holds everything needed to resume after a crash (for example a
 * watermark and a continuation token), as JSON-compatible values.
 *
 * @param format layout version chosen by the connector, so the layout can evolve
 * @param values JSON-compatible values (null, Boolean, String, Number, List, Map)
 */
public record Checkpoint(int format, Map<String, Object> values) {
    private static final Checkpoint INITIAL = new Checkpoint(0, Map.of());

    public Checkpoint {
        if (format < 0) {
            throw new IllegalArgumentException("format must be >= 0");
        }
        values = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(values, "values")));
    }

    /** The start of everything: read all records. */
    public static Checkpoint initial() {
        return INITIAL;
    }

    public boolean isInitial() {
        return format == 0 && values.isEmpty();
    }
}
