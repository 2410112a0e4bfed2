package io.ipaas.connector.api.settings;

import java.util.List;
import java.util.Objects;

/**
 * "When {@code whenKey} equals {@code whenValue}, these settings are required."
 *
 * @param whenKey the deciding setting
 * @param whenValue the value that triggers the rule (compared after defaults are applied)
 * @param requiredKeys settings that must then have a value
 */
public record ConditionalRequirement(String whenKey, Object whenValue, List<String> requiredKeys) {
    public ConditionalRequirement {
        Objects.requireNonNull(whenKey, "whenKey");
        Objects.requireNonNull(whenValue, "whenValue");
        requiredKeys = List.copyOf(requiredKeys);
    }
}
