package io.ipaas.connector.api.settings;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Derives a JSON Schema (draft 2020-12) from a {@link SettingsSpec}. Form hints that JSON Schema lacks are
 * {@code x-} keywords: {@code x-group}, {@code x-order}, {@code x-secret}, {@code x-advanced}, {@code x-visibleWhen},
 * {@code x-multiline}, {@code x-pattern-description}, plus {@code x-groups} and {@code x-profiles} at the root.
 */
final class JsonSchemaExport {
    static final String DIALECT = "https://json-schema.org/draft/2020-12/schema";

    private final SettingsSpec spec;

    JsonSchemaExport(SettingsSpec spec) {
        this.spec = spec;
    }

    Map<String, Object> export(String title) {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("$schema", DIALECT);
        schema.put("title", title);
        schema.put("type", "object");
        Map<String, Object> properties = new LinkedHashMap<>();
        List<String> required = new ArrayList<>();
        for (SettingDefinition definition : spec.definitions()) {
            properties.put(definition.key(), property(definition));
            if (definition.required() && definition.defaultValue().isEmpty()) {
                required.add(definition.key());
            }
        }
        schema.put("properties", properties);
        if (!required.isEmpty()) {
            schema.put("required", required);
        }
        schema.put("additionalProperties", false);
        List<Object> conditionals = new ArrayList<>();
        for (ConditionalRequirement condition : spec.conditions()) {
            conditionals.add(conditional(condition));
        }
        if (!conditionals.isEmpty()) {
            schema.put("allOf", conditionals);
        }
        List<Object> groups = new ArrayList<>();
        for (SettingGroup group : spec.groups()) {
            groups.add(ordered("key", group.key(), "title", group.title(), "order", group.order()));
        }
        schema.put("x-groups", groups);
        List<Object> profiles = new ArrayList<>();
        for (SettingsProfile profile : spec.profiles()) {
            profiles.add(ordered(
                    "name",
                    profile.name(),
                    "title",
                    profile.title(),
                    "description",
                    profile.description(),
                    "values",
                    profile.values()));
        }
        schema.put("x-profiles", profiles);
        return schema;
    }

    private static Map<String, Object> property(SettingDefinition definition) {
        Map<String, Object> property = new LinkedHashMap<>();
        property.put("title", definition.title());
        property.put("description", definition.description());
        Constraints constraints = definition.constraints();
        switch (definition.type()) {
            case STRING -> property.put("type", "string");
            case TEXT -> {
                property.put("type", "string");
                property.put("x-multiline", true);
            }
            case SECRET -> {
                property.put("type", "string");
                property.put("writeOnly", true);
                property.put("x-secret", true);
            }
            case INTEGER -> property.put("type", "integer");
            case BOOLEAN -> property.put("type", "boolean");
            case CHOICE -> {
                property.put("type", "string");
                property.put("enum", definition.enumValues());
            }
            case URL -> {
                property.put("type", "string");
                property.put("format", "uri");
            }
            case STRING_LIST -> {
                property.put("type", "array");
                Map<String, Object> items = new LinkedHashMap<>();
                items.put("type", "string");
                textConstraints(constraints, items);
                property.put("items", items);
            }
        }
        constraints.minimum().ifPresent(v -> property.put("minimum", v));
        constraints.maximum().ifPresent(v -> property.put("maximum", v));
        if (definition.type() != SettingType.STRING_LIST) {
            textConstraints(constraints, property);
        }
        definition.defaultValue().ifPresent(v -> property.put("default", v));
        if (!definition.examples().isEmpty()) {
            property.put("examples", definition.examples());
        }
        property.put("x-group", definition.group());
        property.put("x-order", definition.order());
        if (definition.secret()) {
            property.put("x-secret", true);
        }
        if (definition.advanced()) {
            property.put("x-advanced", true);
        }
        if (!definition.visibleWhen().isEmpty()) {
            property.put("x-visibleWhen", definition.visibleWhen());
        }
        return property;
    }

    private static void textConstraints(Constraints constraints, Map<String, Object> target) {
        constraints.minLength().ifPresent(v -> target.put("minLength", v));
        constraints.maxLength().ifPresent(v -> target.put("maxLength", v));
        constraints.pattern().ifPresent(v -> target.put("pattern", "^(?:" + v + ")$"));
        constraints.patternDescription().ifPresent(v -> target.put("x-pattern-description", v));
        constraints.format().ifPresent(v -> target.put("format", v));
    }

    private Map<String, Object> conditional(ConditionalRequirement condition) {
        SettingDefinition deciding = spec.definition(condition.whenKey()).orElseThrow();
        Map<String, Object> when = new LinkedHashMap<>();
        when.put("properties", Map.of(condition.whenKey(), Map.of("const", condition.whenValue())));
        // when the triggering value is the default, an absent key must trigger the rule as well
        boolean triggeredByDefault = Objects.equals(deciding.defaultValue().orElse(null), condition.whenValue());
        if (!triggeredByDefault) {
            when.put("required", List.of(condition.whenKey()));
        }
        Map<String, Object> then = new LinkedHashMap<>();
        then.put("required", condition.requiredKeys());
        Map<String, Object> rule = new LinkedHashMap<>();
        rule.put("if", when);
        rule.put("then", then);
        return rule;
    }

    private static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
