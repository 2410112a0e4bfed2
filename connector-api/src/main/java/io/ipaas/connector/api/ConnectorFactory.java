package io.ipaas.connector.api;

import io.ipaas.connector.api.settings.SettingProblem;
import io.ipaas.connector.api.settings.Settings;
import io.ipaas.connector.api.settings.SettingsSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
     * Cross-field rules that a per-field check cannot express. Called with the values that passed their own checks
     * ({@link SettingsSpec#parseValid}): a value that failed is absent, so read values through {@link Settings#has}
     * and the optional accessors, and skip a rule whose inputs are missing (their problem is reported already).
     *
     * @return every problem found, each naming the setting key to fix; empty when the settings are valid
     */
    default List<SettingProblem> validate(Settings settings) {
        return List.of();
    }

    /**
     * Every problem of raw settings at once: unknown keys, per-field checks and conditional requirements, then the
     * cross-field rules over the values that are valid alone. Hosts call this, never the two halves separately.
     *
     * @return every problem, per-field ones first; empty when the settings can be parsed and opened
     */
    default List<SettingProblem> validateAll(Map<String, ?> raw) {
        SettingsSpec spec = settings();
        List<SettingProblem> problems = new ArrayList<>(spec.validate(raw));
        Set<String> reported = new HashSet<>();
        problems.forEach(problem -> reported.add(problem.key()));
        for (SettingProblem problem : validate(spec.parseValid(raw))) {
            if (!reported.contains(problem.key())) {
                problems.add(problem);
            }
        }
        return problems;
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
