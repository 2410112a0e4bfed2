package io.ipaas.connector.api.state;

import java.util.Map;
import java.util.Objects;

/**
 * A stored value with the version it was read at, for compare-and-set.
 *
 * @param value JSON-compatible map
 * @param version increases by one on every successful write; 0 means "absent"
 */
public record Versioned(Map<String, Object> value, long version) {
    public Versioned {
        Objects.requireNonNull(value, "value");
    }
}
