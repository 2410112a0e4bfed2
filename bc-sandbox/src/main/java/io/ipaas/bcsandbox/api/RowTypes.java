package io.ipaas.bcsandbox.api;

import io.ipaas.bcsandbox.odata.EdmType;
import io.ipaas.bcsandbox.odata.EntityType;
import io.ipaas.bcsandbox.odata.Property;
import io.ipaas.bcsandbox.odata.WeakETag;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Entity types whose records are rows of Microsoft's property names, declared as the page's field list in page
 * order: {@code "id GUID, number STRING, type ENUM:contactType, …"}. Every value is read from the row by name.
 */
final class RowTypes {
    /** The hidden row key that versions a record without {@code lastModifiedDateTime} (document lines). */
    static final String VERSION = "$version";

    private RowTypes() {}

    /** A type whose ETag follows {@code lastModifiedDateTime}. */
    static EntityType<Map<String, Object>> type(String name, String properties, Set<String> navigations) {
        return type(
                name,
                properties,
                navigations,
                row -> name + "|" + row.get("id") + "|" + ((Instant) row.get("lastModifiedDateTime")).toEpochMilli());
    }

    /** A type without {@code lastModifiedDateTime}: its ETag follows the row's hidden version. */
    static EntityType<Map<String, Object>> versionedType(String name, String properties, Set<String> navigations) {
        return type(name, properties, navigations, row -> name + "|" + row.get("id") + "|" + row.get(VERSION));
    }

    private static EntityType<Map<String, Object>> type(
            String name, String properties, Set<String> navigations, Function<Map<String, Object>, String> version) {
        List<Property<Map<String, Object>>> list = new ArrayList<>();
        for (String declaration : properties.replace('\n', ' ').split(",")) {
            String[] parts = declaration.trim().split(" ");
            String field = parts[0];
            String[] type = parts[1].split(":");
            list.add(new Property<>(
                    field, EdmType.valueOf(type[0]), type.length > 1 ? type[1] : null, row -> row.get(field)));
        }
        return new EntityType<>(name, list, navigations, row -> WeakETag.of(version.apply(row)));
    }
}
