package io.ipaas.connector.api.settings;

import io.ipaas.connector.api.state.Secret;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/** Per-field and conditional checks of raw settings, and their conversion to typed values. */
final class SettingsValidator {
    private static final Pattern UUID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final SettingsSpec spec;

    SettingsValidator(SettingsSpec spec) {
        this.spec = spec;
    }

    List<SettingProblem> validate(Map<String, ?> raw) {
        List<SettingProblem> problems = new ArrayList<>();
        for (String key : raw.keySet()) {
            if (spec.definition(key).isEmpty()) {
                problems.add(new SettingProblem(
                        key, "unknown setting" + suggestion(key) + "; remove it or correct its name"));
            }
        }
        Map<String, String> valueProblems = valueProblems(raw);
        for (SettingDefinition definition : spec.definitions()) {
            String key = definition.key();
            if (isAbsent(raw.get(key))) {
                if (definition.required() && definition.defaultValue().isEmpty()) {
                    problems.add(new SettingProblem(key, "is required: " + definition.title()));
                }
            } else if (valueProblems.containsKey(key)) {
                problems.add(new SettingProblem(key, valueProblems.get(key)));
            }
        }
        Set<String> invalid = valueProblems.keySet();
        // conditions are judged on the values that are valid alone, so one bad value does not hide another problem
        Map<String, Object> effective = convertPlain(raw, invalid);
        for (ConditionalRequirement condition : spec.conditions()) {
            if (Objects.equals(effective.get(condition.whenKey()), condition.whenValue())) {
                for (String key : condition.requiredKeys()) {
                    if (isAbsent(effective.get(key)) && !invalid.contains(key)) {
                        SettingDefinition definition = spec.definition(key).orElseThrow();
                        problems.add(new SettingProblem(
                                key,
                                "is required when " + condition.whenKey() + " is '" + condition.whenValue() + "': "
                                        + definition.title()));
                    }
                }
            }
        }
        return problems;
    }

    /** The keys whose given value fails its own check. */
    Set<String> invalidKeys(Map<String, ?> raw) {
        return valueProblems(raw).keySet();
    }

    /** Each given value that fails its own check, by key, with the problem; in definition order. */
    private Map<String, String> valueProblems(Map<String, ?> raw) {
        Map<String, String> problems = new LinkedHashMap<>();
        for (SettingDefinition definition : spec.definitions()) {
            Object value = raw.get(definition.key());
            String problem = isAbsent(value) ? null : checkValue(definition, value);
            if (problem != null) {
                problems.put(definition.key(), problem);
            }
        }
        return problems;
    }

    Map<String, Object> convert(Map<String, ?> raw) {
        return convert(raw, Set.of());
    }

    /** Converts the values, leaving out (as absent, without default) the keys in {@code leaveOut}. */
    Map<String, Object> convert(Map<String, ?> raw, Set<String> leaveOut) {
        Map<String, Object> values = convertPlain(raw, leaveOut);
        for (SettingDefinition definition : spec.definitions()) {
            if (definition.secret() && values.get(definition.key()) instanceof String text) {
                values.put(definition.key(), Secret.of(text));
            }
        }
        return values;
    }

    private Map<String, Object> convertPlain(Map<String, ?> raw, Set<String> leaveOut) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (SettingDefinition definition : spec.definitions()) {
            Object value = raw.get(definition.key());
            if (leaveOut.contains(definition.key())) {
                values.put(definition.key(), null);
            } else if (isAbsent(value)) {
                values.put(definition.key(), definition.defaultValue().orElse(null));
            } else if (definition.type() == SettingType.INTEGER) {
                values.put(definition.key(), ((Number) value).intValue());
            } else if (definition.type() == SettingType.STRING_LIST) {
                values.put(
                        definition.key(),
                        List.copyOf(((List<?>) value)
                                .stream().map(String.class::cast).toList()));
            } else {
                values.put(definition.key(), value);
            }
        }
        return values;
    }

    private static boolean isAbsent(Object value) {
        return value == null || (value instanceof String text && text.isEmpty());
    }

    private String checkValue(SettingDefinition definition, Object value) {
        Constraints constraints = definition.constraints();
        switch (definition.type()) {
            case STRING, TEXT, SECRET, URL, CHOICE -> {
                if (!(value instanceof String text)) {
                    return "must be text, got " + describe(value);
                }
                if (definition.type() == SettingType.CHOICE
                        && !definition.enumValues().contains(text)) {
                    return "must be one of " + String.join(", ", definition.enumValues()) + ", got '" + text + "'";
                }
                if (definition.type() == SettingType.URL) {
                    String problem = checkUrl(text);
                    if (problem != null) {
                        return problem;
                    }
                }
                return checkText(definition, constraints, text, "");
            }
            case INTEGER -> {
                if (!isWholeNumber(value)) {
                    return "must be a whole number, got " + describe(value);
                }
                long number = ((Number) value).longValue();
                if (constraints.minimum().isPresent()
                        && number < constraints.minimum().get()) {
                    return "must be at least " + constraints.minimum().get() + ", got " + number;
                }
                if (constraints.maximum().isPresent()
                        && number > constraints.maximum().get()) {
                    return "must be at most " + constraints.maximum().get() + ", got " + number;
                }
                return null;
            }
            case BOOLEAN -> {
                return value instanceof Boolean ? null : "must be true or false, got " + describe(value);
            }
            case STRING_LIST -> {
                if (!(value instanceof List<?> list)) {
                    return "must be a list of text values, got " + describe(value);
                }
                for (int i = 0; i < list.size(); i++) {
                    if (!(list.get(i) instanceof String text)) {
                        return "item " + (i + 1) + " must be text, got " + describe(list.get(i));
                    }
                    String problem = checkText(definition, constraints, text, "item " + (i + 1) + " ");
                    if (problem != null) {
                        return problem;
                    }
                }
                return null;
            }
        }
        throw new IllegalStateException("unhandled type " + definition.type());
    }

    private static String checkText(SettingDefinition definition, Constraints constraints, String text, String prefix) {
        if (constraints.minLength().isPresent()
                && text.length() < constraints.minLength().get()) {
            return prefix + "must have at least " + constraints.minLength().get() + " characters";
        }
        if (constraints.maxLength().isPresent()
                && text.length() > constraints.maxLength().get()) {
            return prefix + "must have at most " + constraints.maxLength().get() + " characters";
        }
        if (constraints.format().filter("uuid"::equals).isPresent()
                && !UUID.matcher(text).matches()) {
            return prefix + "must be a GUID like 0f8e2b6c-4d1a-4c9e-b37f-5a2d8e6c1b90"
                    + (definition.secret() ? "" : ", got '" + text + "'");
        }
        if (constraints.pattern().isPresent()
                && !Pattern.compile(constraints.pattern().get()).matcher(text).matches()) {
            return prefix + "must be " + constraints.patternDescription().orElse("in the expected format")
                    + (definition.secret() ? "" : ", got '" + text + "'");
        }
        return null;
    }

    private static String checkUrl(String text) {
        try {
            URI uri = new URI(text);
            if (!uri.isAbsolute()
                    || uri.getHost() == null
                    || !("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()))) {
                return "must be an absolute http(s) URL like https://example.com, got '" + text + "'";
            }
            return null;
        } catch (URISyntaxException e) {
            return "is not a valid URL (" + e.getReason() + " at character " + (e.getIndex() + 1) + ")";
        }
    }

    private static boolean isWholeNumber(Object value) {
        if (value instanceof Integer
                || value instanceof Long
                || value instanceof Short
                || value instanceof BigInteger) {
            return !(value instanceof BigInteger big) || big.bitLength() < 63;
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.stripTrailingZeros().scale() <= 0;
        }
        return false;
    }

    private static String describe(Object value) {
        if (value instanceof Map<?, ?>) {
            return "an object";
        }
        if (value instanceof List<?>) {
            return "a list";
        }
        if (value instanceof String text) {
            return "'" + text + "'";
        }
        return String.valueOf(value);
    }

    private String suggestion(String key) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (SettingDefinition definition : spec.definitions()) {
            int distance = distance(key.toLowerCase(), definition.key().toLowerCase());
            if (distance < bestDistance) {
                bestDistance = distance;
                best = definition.key();
            }
        }
        return best != null && bestDistance <= Math.max(2, key.length() / 4) ? " (did you mean '" + best + "'?)" : "";
    }

    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
