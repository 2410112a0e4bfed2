package io.ipaas.harness.ui;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A settings form generated from a plugin's JSON Schema at runtime, so a second plugin gets its form with no change
 * here: the schema's groups in order ({@code x-groups}), fields by {@code x-order}, titles and descriptions as labels
 * and help, enums as selects, booleans as checkboxes, string lists as editable lists, {@code x-multiline} as text
 * areas, secrets ({@code writeOnly}) as password fields that never carry a value back, {@code x-advanced} fields folded
 * away, and the {@code x-profiles} as one-click presets. Posted values are turned back into the settings' JSON types
 * by the same schema.
 */
final class SettingsForm {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, Object> schema;

    SettingsForm(Map<String, Object> schema) {
        this.schema = schema;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Map<String, Object>> properties() {
        return (Map<String, Map<String, Object>>) schema.getOrDefault("properties", Map.of());
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> list(String key) {
        return (List<Map<String, Object>>) schema.getOrDefault(key, List.of());
    }

    @SuppressWarnings("unchecked")
    private Set<String> required() {
        return Set.copyOf((List<String>) schema.getOrDefault("required", List.of()));
    }

    /**
     * The form's fields, grouped; {@code values} are what the user entered (secrets are never rendered), {@code
     * errors} the problems by setting key.
     */
    String fields(Map<String, Object> values, Map<String, List<String>> errors) {
        StringBuilder html = new StringBuilder();
        List<Map<String, Object>> groups = new ArrayList<>(list("x-groups"));
        groups.sort(Comparator.comparingInt(g -> ((Number) g.getOrDefault("order", 0)).intValue()));
        Map<String, List<String>> byGroup = new LinkedHashMap<>();
        groups.forEach(g -> byGroup.put((String) g.get("key"), new ArrayList<>()));
        properties().entrySet().stream()
                .sorted(Comparator.comparingInt(e -> ((Number) e.getValue().getOrDefault("x-order", 0)).intValue()))
                .forEach(e -> byGroup.computeIfAbsent(
                                (String) e.getValue().getOrDefault("x-group", ""), g -> new ArrayList<>())
                        .add(e.getKey()));
        for (Map.Entry<String, List<String>> group : byGroup.entrySet()) {
            if (group.getValue().isEmpty()) {
                continue;
            }
            String title = groups.stream()
                    .filter(g -> group.getKey().equals(g.get("key")))
                    .map(g -> (String) g.get("title"))
                    .findFirst()
                    .orElse("Other settings");
            html.append("<fieldset class=\"group\"><legend>")
                    .append(Html.escape(title))
                    .append("</legend>");
            StringBuilder advanced = new StringBuilder();
            for (String key : group.getValue()) {
                Map<String, Object> property = properties().get(key);
                String field = field(key, property, values.get(key), errors.getOrDefault(key, List.of()));
                boolean hidden = Boolean.TRUE.equals(property.get("x-advanced")) && !errors.containsKey(key);
                (hidden ? advanced : html).append(field);
            }
            if (advanced.length() > 0) {
                html.append("<details class=\"advanced\"><summary>Advanced</summary>")
                        .append(advanced)
                        .append("</details>");
            }
            html.append("</fieldset>");
        }
        return html.toString();
    }

    @SuppressWarnings("unchecked")
    private String field(String key, Map<String, Object> property, Object value, List<String> errors) {
        String id = "f-" + key;
        String type = String.valueOf(property.getOrDefault("type", "string"));
        boolean secret =
                Boolean.TRUE.equals(property.get("writeOnly")) || Boolean.TRUE.equals(property.get("x-secret"));
        Object shown = value != null ? value : property.get("default");
        StringBuilder html = new StringBuilder("<div class=\"field" + (errors.isEmpty() ? "" : " invalid")
                + "\" data-key=\"" + Html.escape(key) + "\"" + visibility(property) + ">");
        String label = Html.escape(property.getOrDefault("title", key))
                + (required().contains(key) ? " <span class=\"required\" title=\"required\">*</span>" : "");
        if (type.equals("boolean")) {
            html.append("<input type=\"hidden\" name=\"")
                    .append(Html.escape(key))
                    .append("\" value=\"false\">");
            html.append("<label class=\"check\"><input type=\"checkbox\" id=\"")
                    .append(id)
                    .append("\" name=\"")
                    .append(Html.escape(key))
                    .append("\" value=\"true\"")
                    .append(Boolean.TRUE.equals(shown) || "true".equals(shown) ? " checked" : "")
                    .append("> ")
                    .append(label)
                    .append("</label>");
        } else {
            html.append("<label for=\"").append(id).append("\">").append(label).append("</label>");
            if (property.containsKey("enum")) {
                html.append("<select id=\"")
                        .append(id)
                        .append("\" name=\"")
                        .append(Html.escape(key))
                        .append("\">");
                for (Object option : (List<Object>) property.get("enum")) {
                    html.append("<option value=\"")
                            .append(Html.escape(option))
                            .append("\"")
                            .append(String.valueOf(option).equals(String.valueOf(shown)) ? " selected" : "")
                            .append(">")
                            .append(Html.escape(option))
                            .append("</option>");
                }
                html.append("</select>");
            } else if (type.equals("array")) {
                List<Object> items = shown instanceof List<?> list ? (List<Object>) list : List.of();
                html.append("<div class=\"list\" id=\"")
                        .append(id)
                        .append("\" data-name=\"")
                        .append(Html.escape(key))
                        .append("\">");
                for (Object item : items) {
                    html.append(listRow(key, item));
                }
                html.append(listRow(key, ""));
                html.append("<button type=\"button\" class=\"add\" data-add=\"")
                        .append(Html.escape(key))
                        .append("\">Add</button></div>");
            } else if (Boolean.TRUE.equals(property.get("x-multiline")) && !secret) {
                html.append("<textarea id=\"")
                        .append(id)
                        .append("\" name=\"")
                        .append(Html.escape(key))
                        .append("\" rows=\"4\">")
                        .append(shown == null ? "" : Html.escape(shown))
                        .append("</textarea>");
            } else {
                String inputType = secret ? "password" : type.equals("integer") ? "number" : "text";
                html.append("<input type=\"")
                        .append(inputType)
                        .append("\" id=\"")
                        .append(id)
                        .append("\" name=\"")
                        .append(Html.escape(key))
                        .append("\"");
                if (!secret && shown != null) {
                    html.append(" value=\"").append(Html.escape(shown)).append("\"");
                }
                if (secret) {
                    html.append(" autocomplete=\"new-password\" placeholder=\"never shown again once stored\"");
                } else if (property.get("examples") instanceof List<?> examples && !examples.isEmpty()) {
                    html.append(" placeholder=\"")
                            .append(Html.escape(examples.get(0)))
                            .append("\"");
                }
                if (property.get("minimum") != null) {
                    html.append(" min=\"")
                            .append(Html.escape(property.get("minimum")))
                            .append("\"");
                }
                if (property.get("maximum") != null) {
                    html.append(" max=\"")
                            .append(Html.escape(property.get("maximum")))
                            .append("\"");
                }
                html.append(">");
            }
        }
        for (String error : errors) {
            html.append("<p class=\"error\" id=\"error-")
                    .append(Html.escape(key))
                    .append("\">")
                    .append(Html.escape(error))
                    .append("</p>");
        }
        if (property.get("description") != null) {
            html.append("<p class=\"help\">")
                    .append(Html.escape(property.get("description")))
                    .append("</p>");
        }
        return html.append("</div>").toString();
    }

    /** The field's visibility rule for ui.js, which hides (and disables, so it is not sent) a field whose rule fails. */
    private static String visibility(Map<String, Object> property) {
        Object rule = property.get("x-visibleWhen");
        if (!(rule instanceof Map<?, ?> map) || map.isEmpty()) {
            return "";
        }
        try {
            return " data-visible-when=\"" + Html.escape(JSON.writeValueAsString(rule)) + "\"";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a visibility rule is not JSON", e);
        }
    }

    /** Whether a field's rule holds for the given settings (their values, else their defaults). */
    @SuppressWarnings("unchecked")
    private boolean visible(Map<String, Object> property, Map<String, Object> raw) {
        Object rule = property.get("x-visibleWhen");
        if (!(rule instanceof Map<?, ?> map)) {
            return true;
        }
        for (Map.Entry<String, List<Object>> condition : ((Map<String, List<Object>>) map).entrySet()) {
            Object value = raw.containsKey(condition.getKey())
                    ? raw.get(condition.getKey())
                    : properties().getOrDefault(condition.getKey(), Map.of()).get("default");
            if (condition.getValue().stream().noneMatch(v -> String.valueOf(v).equals(String.valueOf(value)))) {
                return false;
            }
        }
        return true;
    }

    private static String listRow(String key, Object value) {
        return "<div class=\"row\"><input type=\"text\" name=\"" + Html.escape(key) + "\" value=\"" + Html.escape(value)
                + "\"><button type=\"button\" class=\"remove\" title=\"remove\">×</button></div>";
    }

    /** The profiles as buttons carrying their values; ui.js fills the fields from them. */
    String profiles() {
        StringBuilder html = new StringBuilder();
        for (Map<String, Object> profile : list("x-profiles")) {
            String values;
            try {
                values = JSON.writeValueAsString(profile.getOrDefault("values", Map.of()));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("a profile's values are not JSON", e);
            }
            html.append("<button type=\"button\" class=\"profile\" data-profile=\"")
                    .append(Html.escape(values))
                    .append("\" title=\"")
                    .append(Html.escape(profile.getOrDefault("description", "")))
                    .append("\">")
                    .append(Html.escape(profile.getOrDefault("title", profile.get("name"))))
                    .append("</button>");
        }
        return html.toString();
    }

    /**
     * The posted form as settings: each value in its schema type (an unparsable number stays text, so validation names
     * it), empty fields left out, a list's empty rows dropped.
     */
    Map<String, Object> values(Map<String, List<String>> form) {
        Map<String, Object> raw = new LinkedHashMap<>();
        for (Map.Entry<String, Map<String, Object>> entry : properties().entrySet()) {
            String key = entry.getKey();
            List<String> posted = form.getOrDefault(key, List.of());
            String type = String.valueOf(entry.getValue().getOrDefault("type", "string"));
            if (type.equals("array")) {
                List<String> items = posted.stream()
                        .map(String::strip)
                        .filter(s -> !s.isEmpty())
                        .toList();
                if (!items.isEmpty()) {
                    raw.put(key, items);
                }
                continue;
            }
            Optional<String> last = posted.isEmpty() ? Optional.empty() : Optional.of(posted.get(posted.size() - 1));
            if (last.isEmpty() || last.get().isBlank()) {
                continue;
            }
            String text = type.equals("string") ? last.get() : last.get().strip();
            switch (type) {
                case "boolean" -> raw.put(key, Boolean.parseBoolean(text));
                case "integer" -> {
                    try {
                        raw.put(key, Integer.parseInt(text));
                    } catch (NumberFormatException notANumber) {
                        raw.put(key, text);
                    }
                }
                default -> raw.put(key, text);
            }
        }
        // a field hidden by its rule is not part of the settings, even if the browser sent it
        properties().forEach((key, property) -> {
            if (!visible(property, raw)) {
                raw.remove(key);
            }
        });
        return raw;
    }
}
