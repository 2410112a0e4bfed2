package io.ipaas.connector.api.settings;

import io.ipaas.connector.api.state.Secret;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * Validated settings with defaults applied, read through typed accessors. Secret values are held as
 * {@link Secret}, and {@link #toString()} masks them. Obtain one from {@link SettingsSpec#parse(Map)}.
 */
public final class Settings {
    private final SettingsSpec spec;
    private final Map<String, Object> values;

    Settings(SettingsSpec spec, Map<String, Object> values) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** The spec these settings were validated against. */
    public SettingsSpec spec() {
        return spec;
    }

    /** Whether a value (given or default) exists for the key. */
    public boolean has(String key) {
        return values.get(declared(key).key()) != null;
    }

    public String string(String key) {
        return (String) require(key);
    }

    public Optional<String> optionalString(String key) {
        return Optional.ofNullable((String) values.get(declared(key).key()));
    }

    public int integer(String key) {
        return ((Number) require(key)).intValue();
    }

    public boolean bool(String key) {
        return (Boolean) require(key);
    }

    @SuppressWarnings("unchecked")
    public List<String> list(String key) {
        Object value = values.get(declared(key).key());
        return value == null ? List.of() : (List<String>) value;
    }

    public Optional<Secret> secret(String key) {
        return Optional.ofNullable((Secret) values.get(declared(key).key()));
    }

    /**
     * The values without secrets, JSON-compatible, for storing or showing. Secrets must be stored through a
     * {@link io.ipaas.connector.api.state.SecretStore}.
     */
    public Map<String, Object> nonSecretValues() {
        Map<String, Object> copy = new LinkedHashMap<>();
        values.forEach((key, value) -> {
            if (!(value instanceof Secret)) {
                copy.put(key, value);
            }
        });
        return copy;
    }

    private SettingDefinition declared(String key) {
        return spec.definition(key).orElseThrow(() -> new IllegalArgumentException("undeclared setting " + key));
    }

    private Object require(String key) {
        Object value = values.get(declared(key).key());
        if (value == null) {
            throw new IllegalStateException("setting " + key + " has no value");
        }
        return value;
    }

    @Override
    public String toString() {
        StringJoiner joiner = new StringJoiner(", ", "Settings{", "}");
        values.forEach((key, value) -> joiner.add(key + "=" + value));
        return joiner.toString();
    }
}
