package io.ipaas.connector.api.settings;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One typed setting, declared once; the form, the JSON Schema, validation and masking all derive from it.
 *
 * @param key identifier in submitted settings (camelCase)
 * @param title short label
 * @param description what it does and when to change it, in plain words
 * @param type value type
 * @param defaultValue value used when none is given (already of the declared type)
 * @param required whether a value must be given when there is no default
 * @param group the {@link SettingGroup} key it belongs to
 * @param order position within the group, ascending
 * @param enumValues the allowed values of a {@link SettingType#CHOICE}
 * @param constraints limits on the value
 * @param examples sample values for users
 * @param advanced whether a form may fold it away by default
 * @param visibleWhen when a form shows it: each named setting must hold one of its listed values (empty: always);
 *     a hidden setting is not submitted
 */
public record SettingDefinition(
        String key,
        String title,
        String description,
        SettingType type,
        Optional<Object> defaultValue,
        boolean required,
        String group,
        int order,
        List<String> enumValues,
        Constraints constraints,
        List<String> examples,
        boolean advanced,
        Map<String, List<String>> visibleWhen) {
    public SettingDefinition {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(defaultValue, "defaultValue");
        Objects.requireNonNull(group, "group");
        enumValues = List.copyOf(enumValues);
        Objects.requireNonNull(constraints, "constraints");
        examples = List.copyOf(examples);
        visibleWhen = Map.copyOf(visibleWhen);
        if (type == SettingType.CHOICE && enumValues.isEmpty()) {
            throw new IllegalArgumentException("choice setting " + key + " needs enum values");
        }
        if (type == SettingType.SECRET && defaultValue.isPresent()) {
            throw new IllegalArgumentException("secret setting " + key + " cannot have a default");
        }
    }

    /** Whether the value is secret: masked, write-only, stored encrypted. */
    public boolean secret() {
        return type == SettingType.SECRET;
    }

    public static Builder builder(String key, SettingType type) {
        return new Builder(key, type);
    }

    /** Builds a definition; title and description are mandatory. */
    public static final class Builder {
        private final String key;
        private final SettingType type;
        private String title;
        private String description;
        private Object defaultValue;
        private boolean required;
        private String group = "general";
        private int order;
        private List<String> enumValues = List.of();
        private Long minimum;
        private Long maximum;
        private Integer minLength;
        private Integer maxLength;
        private String pattern;
        private String patternDescription;
        private String format;
        private final List<String> examples = new ArrayList<>();
        private boolean advanced;
        private final Map<String, List<String>> visibleWhen = new java.util.LinkedHashMap<>();

        private Builder(String key, SettingType type) {
            this.key = Objects.requireNonNull(key, "key");
            this.type = Objects.requireNonNull(type, "type");
        }

        public Builder title(String title) {
            this.title = title;
            return this;
        }

        public Builder description(String description) {
            this.description = description;
            return this;
        }

        public Builder defaultValue(Object defaultValue) {
            this.defaultValue = defaultValue;
            return this;
        }

        public Builder required() {
            this.required = true;
            return this;
        }

        public Builder group(String group, int order) {
            this.group = group;
            this.order = order;
            return this;
        }

        public Builder enumValues(String... values) {
            this.enumValues = List.of(values);
            return this;
        }

        public Builder range(long minimum, long maximum) {
            this.minimum = minimum;
            this.maximum = maximum;
            return this;
        }

        public Builder length(int minLength, int maxLength) {
            this.minLength = minLength;
            this.maxLength = maxLength;
            return this;
        }

        public Builder pattern(String regex, String inWords) {
            this.pattern = regex;
            this.patternDescription = inWords;
            return this;
        }

        public Builder format(String format) {
            this.format = format;
            return this;
        }

        public Builder example(String example) {
            this.examples.add(example);
            return this;
        }

        public Builder advanced() {
            this.advanced = true;
            return this;
        }

        /** Shown (and submitted) only while {@code setting} holds one of {@code values}; repeat for more settings. */
        public Builder visibleWhen(String setting, String... values) {
            this.visibleWhen.put(setting, List.of(values));
            return this;
        }

        public SettingDefinition build() {
            if (title == null || title.isBlank() || description == null || description.isBlank()) {
                throw new IllegalStateException("setting " + key + " needs a title and a description");
            }
            Constraints constraints = new Constraints(
                    Optional.ofNullable(minimum),
                    Optional.ofNullable(maximum),
                    Optional.ofNullable(minLength),
                    Optional.ofNullable(maxLength),
                    Optional.ofNullable(pattern),
                    Optional.ofNullable(patternDescription),
                    Optional.ofNullable(format));
            return new SettingDefinition(
                    key,
                    title,
                    description,
                    type,
                    Optional.ofNullable(defaultValue),
                    required,
                    group,
                    order,
                    enumValues,
                    constraints,
                    examples,
                    advanced,
                    visibleWhen);
        }
    }
}
