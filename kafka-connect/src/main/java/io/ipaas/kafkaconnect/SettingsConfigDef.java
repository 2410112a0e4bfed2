package io.ipaas.kafkaconnect;

import io.ipaas.connector.api.settings.SettingDefinition;
import io.ipaas.connector.api.settings.SettingsSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.types.Password;

/**
 * A connector's typed settings as Kafka Connect's {@link ConfigDef}: the same keys, types, defaults, choices, groups
 * and order, secrets as {@code PASSWORD} (so Connect masks them and config providers can supply them). The settings'
 * own validation still decides: {@link #settings} hands Connect's parsed values to it.
 */
public final class SettingsConfigDef {
    private SettingsConfigDef() {}

    public static ConfigDef of(SettingsSpec spec) {
        ConfigDef config = new ConfigDef();
        for (SettingDefinition definition : spec.definitions()) {
            Object defaultValue = definition
                    .defaultValue()
                    .map(SettingsConfigDef::connectDefault)
                    .orElse(definition.required() ? ConfigDef.NO_DEFAULT_VALUE : null);
            ConfigDef.Validator validator = definition.enumValues().isEmpty()
                    ? null
                    : ConfigDef.ValidString.in(definition.enumValues().toArray(String[]::new));
            ConfigDef.Importance importance = definition.required()
                    ? ConfigDef.Importance.HIGH
                    : definition.advanced() ? ConfigDef.Importance.LOW : ConfigDef.Importance.MEDIUM;
            config.define(
                    definition.key(),
                    type(definition),
                    defaultValue,
                    validator,
                    importance,
                    definition.description(),
                    definition.group(),
                    definition.order(),
                    ConfigDef.Width.LONG,
                    definition.title());
        }
        return config;
    }

    private static ConfigDef.Type type(SettingDefinition definition) {
        return switch (definition.type()) {
            case SECRET -> ConfigDef.Type.PASSWORD;
            case INTEGER -> ConfigDef.Type.INT;
            case BOOLEAN -> ConfigDef.Type.BOOLEAN;
            case STRING_LIST -> ConfigDef.Type.LIST;
            case STRING, TEXT, CHOICE, URL -> ConfigDef.Type.STRING;
        };
    }

    private static Object connectDefault(Object value) {
        return value instanceof List<?> list
                ? String.join(",", list.stream().map(String::valueOf).toList())
                : value;
    }

    /**
     * The settings a connector's {@code parse} takes, from a Connect configuration: Connect's own parsing gives the
     * types, passwords are revealed for the connector (which keeps them in its secret store), keys that are not
     * settings (the adapter's own, Connect's) are left out.
     */
    public static Map<String, Object> settings(SettingsSpec spec, Map<String, String> properties) {
        Map<String, String> own = new LinkedHashMap<>();
        for (SettingDefinition definition : spec.definitions()) {
            String value = properties.get(definition.key());
            if (value != null) {
                own.put(definition.key(), value);
            }
        }
        Map<String, Object> parsed = of(spec).parse(own);
        Map<String, Object> raw = new LinkedHashMap<>();
        parsed.forEach((key, value) -> {
            if (value instanceof Password password) {
                raw.put(key, password.value());
            } else if (value != null) {
                raw.put(key, value);
            }
        });
        return raw;
    }

    /** The settings without the secrets: what mapping expressions may see ({@code $settings}). */
    public static Map<String, Object> visible(SettingsSpec spec, Map<String, Object> settings) {
        Map<String, Object> visible = new LinkedHashMap<>(settings);
        spec.definitions().stream()
                .filter(SettingDefinition::secret)
                .forEach(definition -> visible.remove(definition.key()));
        return visible;
    }
}
