package io.ipaas.connector.dynamics365.entity;

import io.ipaas.connector.api.entity.Direction;
import io.ipaas.connector.api.entity.EntityDescriptor;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * How one Business Central API entity set is read.
 *
 * @param name the SPI entity name (equal to BC's entity set name)
 * @param displayName human name
 * @param entitySet BC's entity set under {@code companies({id})/}
 * @param cursorField the modification timestamp field incremental reads filter on
 * @param expand a navigation property read in the same request, when enabled by settings
 * @param webhooks whether BC documents webhook support for it
 */
public record EntityDefinition(
        String name,
        String displayName,
        String entitySet,
        String cursorField,
        Optional<String> expand,
        boolean webhooks) {
    public EntityDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(entitySet, "entitySet");
        Objects.requireNonNull(cursorField, "cursorField");
        Objects.requireNonNull(expand, "expand");
    }

    public EntityDescriptor descriptor() {
        return new EntityDescriptor(
                name, displayName, List.of("id"), Optional.of(cursorField), Set.of(Direction.INBOUND), webhooks);
    }
}
