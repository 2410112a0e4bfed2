package io.ipaas.connector.dynamics365.entity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ipaas.connector.api.entity.Direction;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The entities this connector reads, described as data ({@code entities.json}) rather than one class each: a new
 * standard entity is a new entry, read by the same poller. A catalogue that names an unknown field, kind or
 * direction, or an entity twice, fails when it is loaded, naming the entry.
 */
public final class EntityCatalogue {
    public static final String RESOURCE = "/io/ipaas/connector/dynamics365/entities.json";
    static final String API_V2 = "v2.0";
    static final String ODATA_V4 = "odatav4";
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]*");
    private static final Set<String> FIELDS = Set.of(
            "name",
            "displayName",
            "api",
            "scope",
            "entitySet",
            "entitySetSetting",
            "key",
            "cursor",
            "kind",
            "webhooks",
            "directions",
            "expand",
            "enabledBy",
            "reader");

    private static final EntityCatalogue STANDARD = load(EntityCatalogue.class, RESOURCE);

    private final List<EntityDefinition> entities;

    private EntityCatalogue(List<EntityDefinition> entities) {
        this.entities = List.copyOf(entities);
    }

    /** The catalogue shipped with the connector. */
    public static EntityCatalogue standard() {
        return STANDARD;
    }

    public List<EntityDefinition> entities() {
        return entities;
    }

    public Optional<EntityDefinition> entity(String name) {
        return entities.stream().filter(e -> e.name().equals(name)).findFirst();
    }

    static EntityCatalogue load(Class<?> owner, String resource) {
        try (InputStream in = owner.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the entity catalogue " + resource + " is missing from the plugin");
            }
            return parse(new ObjectMapper().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the entity catalogue " + resource, e);
        }
    }

    static EntityCatalogue parse(JsonNode root) {
        if (root.path("formatVersion").asInt() != 1) {
            throw new IllegalStateException("entity catalogue: formatVersion must be 1");
        }
        List<EntityDefinition> entities = new ArrayList<>();
        Set<String> names = new HashSet<>();
        int index = 0;
        for (JsonNode entry : root.path("entities")) {
            String where = "entity catalogue entry " + index++;
            EntityDefinition entity = entity(entry, where);
            if (!names.add(entity.name())) {
                throw new IllegalStateException(where + ": the entity '" + entity.name() + "' is listed twice");
            }
            entities.add(entity);
        }
        if (entities.isEmpty()) {
            throw new IllegalStateException("entity catalogue: no entities");
        }
        return new EntityCatalogue(entities);
    }

    private static EntityDefinition entity(JsonNode entry, String where) {
        entry.fieldNames().forEachRemaining(field -> {
            if (!FIELDS.contains(field)) {
                throw new IllegalStateException(where + ": unknown field '" + field + "'");
            }
        });
        String name = name(entry, "name", where);
        String at = where + " (" + name + ")";
        String api = text(entry, "api", at);
        if (!api.equals(API_V2) && !api.equals(ODATA_V4)) {
            throw new IllegalStateException(at + ": api '" + api + "' is not served yet; only v2.0 and odatav4");
        }
        Reader reader;
        try {
            reader = entry.has("reader")
                    ? Reader.valueOf(text(entry, "reader", at).toUpperCase(Locale.ROOT))
                    : Reader.WATERMARK;
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(
                    at + ": unknown reader '" + entry.get("reader").asText()
                            + "' (watermark, snapshot, sales_prices, person_relationships, company_hierarchy)");
        }
        String cursor = reader == Reader.WATERMARK ? name(entry, "cursor", at) : "";
        if (reader != Reader.WATERMARK && entry.has("cursor")) {
            throw new IllegalStateException(at + ": a " + reader + " reader reads the whole set; it takes no cursor");
        }
        Optional<Expansion> expand = Optional.empty();
        if (entry.has("expand")) {
            JsonNode node = entry.get("expand");
            node.fieldNames().forEachRemaining(field -> {
                if (!Set.of("navigation", "setting", "excludeBy").contains(field)) {
                    throw new IllegalStateException(at + ": unknown field 'expand." + field + "'");
                }
            });
            expand = Optional.of(new Expansion(
                    name(node, "navigation", at),
                    optionalName(node, "setting", at),
                    optionalName(node, "excludeBy", at)));
        }
        String scope = entry.has("scope") ? text(entry, "scope", at) : "company";
        if (!scope.equals("company") && !scope.equals("environment")) {
            throw new IllegalStateException(at + ": scope must be 'company' or 'environment', not '" + scope + "'");
        }
        Set<Direction> directions = new LinkedHashSet<>();
        for (JsonNode direction : entry.path("directions")) {
            try {
                directions.add(Direction.valueOf(direction.asText().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(at + ": unknown direction '" + direction.asText() + "'");
            }
        }
        if (directions.isEmpty()) {
            throw new IllegalStateException(at + ": no directions");
        }
        EntityKind kind;
        try {
            kind = EntityKind.valueOf(text(entry, "kind", at).toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(
                    at + ": unknown kind '" + entry.get("kind").asText() + "' (master, transaction or reference)");
        }
        if (!entry.path("webhooks").isBoolean()) {
            throw new IllegalStateException(at + ": 'webhooks' must be true or false");
        }
        return new EntityDefinition(
                name,
                text(entry, "displayName", at),
                api,
                scope.equals("company"),
                name(entry, "entitySet", at),
                optionalName(entry, "entitySetSetting", at),
                name(entry, "key", at),
                cursor,
                kind,
                expand,
                optionalName(entry, "enabledBy", at),
                entry.get("webhooks").booleanValue(),
                directions,
                reader);
    }

    private static String text(JsonNode entry, String field, String where) {
        JsonNode value = entry.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new IllegalStateException(where + ": '" + field + "' must be a non-empty text");
        }
        return value.asText();
    }

    private static String name(JsonNode entry, String field, String where) {
        String value = text(entry, field, where);
        if (!NAME.matcher(value).matches()) {
            throw new IllegalStateException(where + ": '" + field + "' is not a name: '" + value + "'");
        }
        return value;
    }

    private static Optional<String> optionalName(JsonNode entry, String field, String where) {
        return entry.has(field) ? Optional.of(name(entry, field, where)) : Optional.empty();
    }
}
