package io.ipaas.connector.api.settings;

import java.util.Objects;

/**
 * One thing wrong with submitted settings.
 *
 * @param key the setting to fix (or the unknown key that was given)
 * @param message what is wrong and what to do, for the user
 */
public record SettingProblem(String key, String message) {
    public SettingProblem {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return key + ": " + message;
    }
}
