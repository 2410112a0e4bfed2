package io.ipaas.connector.api.settings;

import java.util.Objects;

/**
 * A section of the settings form.
 *
 * @param key identifier referenced by {@link SettingDefinition#group()}
 * @param title heading shown to users
 * @param order position among groups, ascending
 */
public record SettingGroup(String key, String title, int order) {
    public SettingGroup {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(title, "title");
    }
}
