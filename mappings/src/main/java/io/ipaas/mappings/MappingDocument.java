package io.ipaas.mappings;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A parsed, validated mapping document: the collections a connector's subscription uses.
 *
 * @param formatVersion the format version (1)
 * @param connector the connector id the collections belong to
 * @param collections the collections, names unique
 */
public record MappingDocument(int formatVersion, String connector, List<MappingCollection> collections) {
    public MappingDocument {
        Objects.requireNonNull(connector, "connector");
        collections = List.copyOf(collections);
    }

    /**
     * Parses and validates a document: the JSON Schema first, then rules a schema cannot express (unique
     * collection names, no target written twice or both as a value and as an object).
     *
     * @throws MappingFormatException listing every problem
     */
    public static MappingDocument parse(String json) {
        JsonNode root;
        try {
            root = MappingSchema.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new MappingFormatException(List.of(MappingSchema.malformed(e)));
        }
        List<String> problems = new ArrayList<>(MappingSchema.validate(root));
        if (!problems.isEmpty()) {
            throw new MappingFormatException(problems);
        }
        int formatVersion = root.get("formatVersion").asInt();
        List<MappingCollection> collections = new ArrayList<>();
        Set<String> names = new HashSet<>();
        int index = 0;
        for (JsonNode node : root.get("collections")) {
            String location = "/collections/" + index + "/fields";
            checkExpressions(node.get("fields"), location, formatVersion, problems);
            if (!problems.isEmpty()) {
                index++;
                continue;
            }
            MappingCollection collection = collection(node);
            if (!names.add(collection.name())) {
                problems.add(
                        "/collections/" + index + "/name: collection name '" + collection.name() + "' is used twice");
            }
            checkTargets(collection.fields(), "/collections/" + index + "/fields", problems);
            collections.add(collection);
            index++;
        }
        if (!problems.isEmpty()) {
            throw new MappingFormatException(problems);
        }
        return new MappingDocument(formatVersion, root.get("connector").asText(), collections);
    }

    /** Expressions parse, and appear only in documents of format version 2 or later. */
    private static void checkExpressions(JsonNode fields, String location, int formatVersion, List<String> problems) {
        int index = 0;
        for (JsonNode field : fields) {
            String at = location + "/" + index;
            for (String name : List.of("expression", "skipWhen")) {
                if (!field.has(name)) {
                    continue;
                }
                if (formatVersion < 2) {
                    problems.add(at + "/" + name + ": expressions need \"formatVersion\": 2 (field '"
                            + field.get("target").asText() + "')");
                    continue;
                }
                try {
                    Expression.parse(field.get(name).asText());
                } catch (IllegalArgumentException e) {
                    problems.add(
                            at + "/" + name + ": field '" + field.get("target").asText() + "': expression '"
                                    + field.get(name).asText() + "' does not parse: " + e.getMessage());
                }
            }
            if (field.has("fields")) {
                checkExpressions(field.get("fields"), at + "/fields", formatVersion, problems);
            }
            index++;
        }
    }

    /** The collection with this name. */
    public Optional<MappingCollection> collection(String name) {
        return collections.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    private static MappingCollection collection(JsonNode node) {
        String name = node.get("name").asText();
        return new MappingCollection(
                name,
                text(node, "title", name),
                text(node, "description", ""),
                node.get("entity").asText(),
                MappingDirection.valueOf(node.get("direction").asText().toUpperCase(Locale.ROOT)),
                node.get("target").asText(),
                FieldPath.of(node.get("keyField").asText()),
                fields(node.get("fields")));
    }

    private static List<FieldMapping> fields(JsonNode array) {
        List<FieldMapping> fields = new ArrayList<>();
        for (JsonNode field : array) {
            FieldPath target = FieldPath.of(field.get("target").asText());
            fields.add(
                    switch (field.get("kind").asText()) {
                        case "field" ->
                            new FieldMapping.Copy(
                                    target,
                                    FieldPath.of(field.get("source").asText()),
                                    field.path("required").asBoolean(false),
                                    value(field, "default"));
                        case "static" -> new FieldMapping.Static(target, plain(field.get("value")));
                        case "lookup" ->
                            new FieldMapping.Lookup(
                                    target,
                                    FieldPath.of(field.get("source").asText()),
                                    table(field.get("table")),
                                    value(field, "default"));
                        case "formula" ->
                            new FieldMapping.Formula(
                                    target,
                                    Expression.parse(field.get("expression").asText()),
                                    field.path("required").asBoolean(false),
                                    value(field, "default"));
                        case "children" ->
                            new FieldMapping.Children(
                                    target,
                                    FieldPath.of(field.get("source").asText()),
                                    FieldPath.of(field.get("keyField").asText()),
                                    fields(field.get("fields")),
                                    field.has("skipWhen")
                                            ? Optional.of(Expression.parse(
                                                    field.get("skipWhen").asText()))
                                            : Optional.empty());
                        default -> throw new IllegalStateException("schema admitted kind " + field.get("kind"));
                    });
        }
        return fields;
    }

    private static void checkTargets(List<FieldMapping> fields, String location, List<String> problems) {
        Set<String> targets = new HashSet<>();
        for (FieldMapping field : fields) {
            if (!targets.add(field.target().toString())) {
                problems.add(location + ": target '" + field.target() + "' is written by two mappings");
            }
            if (field instanceof FieldMapping.Children children) {
                checkTargets(children.fields(), location + "/" + field.target(), problems);
            }
        }
        for (FieldMapping field : fields) {
            for (String prefix : field.target().prefixes()) {
                if (targets.contains(prefix)) {
                    problems.add(location + ": target '" + prefix
                            + "' is written as a value and also as the object of '" + field.target() + "'");
                }
            }
        }
    }

    private static Map<String, Object> table(JsonNode node) {
        Map<String, Object> table = new LinkedHashMap<>();
        node.fields().forEachRemaining(entry -> table.put(entry.getKey(), plain(entry.getValue())));
        return table;
    }

    private static Optional<Object> value(JsonNode node, String name) {
        return node.has(name) ? Optional.ofNullable(plain(node.get(name))) : Optional.empty();
    }

    private static Object plain(JsonNode node) {
        return MappingSchema.MAPPER.convertValue(node, Object.class);
    }

    private static String text(JsonNode node, String name, String fallback) {
        return node.has(name) ? node.get(name).asText() : fallback;
    }
}
