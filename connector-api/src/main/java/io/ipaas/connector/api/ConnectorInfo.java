package io.ipaas.connector.api;

import io.ipaas.connector.api.auth.AuthKind;
import io.ipaas.connector.api.entity.EntityDescriptor;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What a connector is and can do, known without credentials.
 *
 * @param id stable identifier, also the PF4J plugin id
 * @param displayName human name
 * @param version the connector's semantic version
 * @param description one paragraph for users
 * @param authKinds the authentication kinds the connector supports
 * @param entities the entities it knows; what a given connection offers may be a subset
 */
public record ConnectorInfo(
        String id,
        String displayName,
        String version,
        String description,
        Set<AuthKind> authKinds,
        List<EntityDescriptor> entities) {
    public ConnectorInfo {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(description, "description");
        authKinds = Set.copyOf(authKinds);
        entities = List.copyOf(entities);
    }
}
