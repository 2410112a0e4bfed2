package io.ipaas.connector.api.entity;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Static description of one entity.
 *
 * @param name stable identifier used in mappings and checkpoints, e.g. {@code items}
 * @param displayName human name
 * @param keyFields fields that identify a record, e.g. {@code [id]}
 * @param cursorField the field incremental reads filter on, if any
 * @param directions which ways records flow
 * @param webhooks whether the remote system can push change notifications for it
 */
public record EntityDescriptor(
        String name,
        String displayName,
        List<String> keyFields,
        Optional<String> cursorField,
        Set<Direction> directions,
        boolean webhooks) {
    public EntityDescriptor {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(displayName, "displayName");
        keyFields = List.copyOf(keyFields);
        if (keyFields.isEmpty()) {
            throw new IllegalArgumentException("entity " + name + " needs at least one key field");
        }
        Objects.requireNonNull(cursorField, "cursorField");
        directions = Set.copyOf(directions);
    }
}
