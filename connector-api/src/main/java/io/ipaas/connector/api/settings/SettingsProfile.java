package io.ipaas.connector.api.settings;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A named preset of recommended values (for example "High volume"), which a form can apply over the
 * user's current values.
 *
 * @param name identifier
 * @param title shown to users
 * @param description when to pick this profile
 * @param values setting key to recommended value
 */
public record SettingsProfile(String name, String title, String description, Map<String, Object> values) {
    public SettingsProfile {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(description, "description");
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }
}
