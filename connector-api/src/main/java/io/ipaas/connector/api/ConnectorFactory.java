package io.ipaas.connector.api;

import io.ipaas.connector.api.settings.SettingProblem;
import io.ipaas.connector.api.settings.Settings;
import io.ipaas.connector.api.settings.SettingsSpec;
import java.util.List;
import org.pf4j.ExtensionPoint;

/**
 * The entry point of a connector plugin, discovered by the host as a PF4J extension.
 *
 * <p>Implementations are stateless and cheap to construct; the host may call {@link #info()},
 * {@link #settings()} and {@link #validate(Settings)} before any credentials exist, to render a settings
 * form. All methods may be called from any thread.
 */
public interface ConnectorFactory extends ExtensionPoint {

    /** Static description: id, version, entities and supported authentication kinds. */
    ConnectorInfo info();

    /** The typed settings this connector accepts. The host derives the form and the JSON Schema from it. */
    SettingsSpec settings();

    /**
     * Cross-field rules that a per-field check cannot express. Called by the host only after
     * {@link SettingsSpec#validate(java.util.Map)} found no problems, so every value has its declared type.
     *
     * @return every problem found, each naming the setting key to fix; empty when the settings are valid
     */
    default List<SettingProblem> validate(Settings settings) {
        return List.of();
    }

    /**
     * Mapping documents the host installs when a user subscribes with default mappings enabled.
     * Each is a JSON document in the host's mapping format.
     */
    default List<DefaultMapping> defaultMappings() {
        return List.of();
    }

    /**
     * Opens a connection. Must not perform network I/O; {@link Connector#check()} does that.
     *
     * @throws io.ipaas.connector.api.error.ConnectorException of kind CONFIGURATION when the settings
     *     cannot be used
     */
    Connector open(Settings settings, ConnectorContext context);
}
