package io.ipaas.connector.api.settings;

import io.ipaas.connector.api.error.ConnectorException;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The full declaration of a connector's settings: definitions, groups, conditional requirements and
 * profiles. Immutable and thread-safe.
 */
public final class SettingsSpec {
    private final List<SettingGroup> groups;
    private final List<SettingDefinition> definitions;
    private final Map<String, SettingDefinition> byKey;
    private final List<ConditionalRequirement> conditions;
    private final List<SettingsProfile> profiles;

    public SettingsSpec(
            List<SettingGroup> groups,
            List<SettingDefinition> definitions,
            List<ConditionalRequirement> conditions,
            List<SettingsProfile> profiles) {
        this.groups = groups.stream()
                .sorted(Comparator.comparingInt(SettingGroup::order))
                .toList();
        Map<String, Integer> groupOrder = new LinkedHashMap<>();
        this.groups.forEach(g -> groupOrder.put(g.key(), g.order()));
        this.definitions = definitions.stream()
                .sorted(Comparator.<SettingDefinition>comparingInt(
                                d -> groupOrder.getOrDefault(d.group(), Integer.MAX_VALUE))
                        .thenComparingInt(SettingDefinition::order))
                .toList();
        this.byKey = new LinkedHashMap<>();
        for (SettingDefinition definition : this.definitions) {
            if (byKey.put(definition.key(), definition) != null) {
                throw new IllegalArgumentException("setting declared twice: " + definition.key());
            }
            if (!groupOrder.containsKey(definition.group())) {
                throw new IllegalArgumentException(
                        "setting " + definition.key() + " names unknown group " + definition.group());
            }
        }
        for (SettingDefinition definition : this.definitions) {
            // a field shown only when another setting holds a value: that setting must exist
            definition.visibleWhen().keySet().forEach(this::requireDeclared);
        }
        this.conditions = List.copyOf(conditions);
        for (ConditionalRequirement condition : this.conditions) {
            requireDeclared(condition.whenKey());
            condition.requiredKeys().forEach(this::requireDeclared);
        }
        this.profiles = List.copyOf(profiles);
        Set<String> names = new HashSet<>();
        for (SettingsProfile profile : this.profiles) {
            if (!names.add(profile.name())) {
                throw new IllegalArgumentException("profile declared twice: " + profile.name());
            }
            profile.values().keySet().forEach(this::requireDeclared);
        }
    }

    private void requireDeclared(String key) {
        if (!byKey.containsKey(key)) {
            throw new IllegalArgumentException("undeclared setting " + key);
        }
    }

    public List<SettingGroup> groups() {
        return groups;
    }

    /** Definitions in form order (group order, then order within the group). */
    public List<SettingDefinition> definitions() {
        return definitions;
    }

    public Optional<SettingDefinition> definition(String key) {
        return Optional.ofNullable(byKey.get(key));
    }

    public List<ConditionalRequirement> conditions() {
        return conditions;
    }

    public List<SettingsProfile> profiles() {
        return profiles;
    }

    public Optional<SettingsProfile> profile(String name) {
        return profiles.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /** The default of every setting that has one. */
    public Map<String, Object> defaults() {
        Map<String, Object> defaults = new LinkedHashMap<>();
        definitions.forEach(d -> d.defaultValue().ifPresent(v -> defaults.put(d.key(), v)));
        return defaults;
    }

    /**
     * Checks raw submitted values (as parsed from JSON: String, Number, Boolean, List) against every
     * definition and conditional requirement. Unknown keys are problems too, so typos do not pass silently.
     *
     * @return every problem, in form order; empty when valid
     */
    public List<SettingProblem> validate(Map<String, ?> raw) {
        return new SettingsValidator(this).validate(raw);
    }

    /**
     * Validates and converts raw values into typed {@link Settings} with defaults applied.
     *
     * @throws ConnectorException CONFIGURATION naming the first bad key, with every problem in the message
     */
    public Settings parse(Map<String, ?> raw) {
        List<SettingProblem> problems = validate(raw);
        if (!problems.isEmpty()) {
            throw ConnectorException.configuration(
                    problems.get(0).key(),
                    problems.stream().map(SettingProblem::toString).collect(Collectors.joining("; ")));
        }
        return new Settings(this, new SettingsValidator(this).convert(raw));
    }

    /**
     * The values that pass their own checks, typed, with defaults applied; a value that fails its check is absent
     * (not defaulted), and unknown keys are ignored. For cross-field rules that must run even while other fields
     * are wrong, so a user sees every problem at once.
     */
    public Settings parseValid(Map<String, ?> raw) {
        SettingsValidator validator = new SettingsValidator(this);
        return new Settings(this, validator.convert(raw, validator.invalidKeys(raw)));
    }

    /** The settings as a JSON Schema (draft 2020-12) document, as JSON-compatible maps. */
    public Map<String, Object> toJsonSchema(String title) {
        return new JsonSchemaExport(this).export(Objects.requireNonNull(title, "title"));
    }
}
