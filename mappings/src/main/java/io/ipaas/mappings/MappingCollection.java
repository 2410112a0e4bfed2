package io.ipaas.mappings;

import java.util.List;
import java.util.Objects;

/**
 * The field mappings for one entity in one direction.
 *
 * @param name unique slug within a subscription, e.g. {@code bc-items-to-products}
 * @param title human name
 * @param description what it does
 * @param entity the connector entity it reads or writes
 * @param direction inbound or outbound
 * @param target the record type it produces (a canonical type for inbound collections)
 * @param keyField where the record's id is in the source
 * @param fields the rules, applied in order
 */
public record MappingCollection(
        String name,
        String title,
        String description,
        String entity,
        MappingDirection direction,
        String target,
        FieldPath keyField,
        List<FieldMapping> fields) {
    public MappingCollection {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(entity, "entity");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(keyField, "keyField");
        fields = List.copyOf(fields);
    }
}
