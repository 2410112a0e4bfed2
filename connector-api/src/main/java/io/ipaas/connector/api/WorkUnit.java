package io.ipaas.connector.api;

import java.util.Objects;

/**
 * What a host schedules, leases and keeps state for: one entity in one scope of a connection (for an ERP: one
 * entity of one company). Checkpoints, webhook subscriptions and stored records belong to a unit, so a runtime can
 * spread units over workers and two units never share a watermark.
 *
 * @param scope the part of the remote system, one of {@link Connector#scopes()}
 * @param entity the entity's name, as in {@link Connector#entities(String)} of that scope
 * @param id stable and unique in the connection: the entity's name in the first scope (so a connection that gains
 *     scopes keeps the state it had), {@code entity@scope} in the others
 */
public record WorkUnit(String scope, String entity, String id) {
    public WorkUnit {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(entity, "entity");
        Objects.requireNonNull(id, "id");
    }

    /** The unit of {@code entity} in {@code scope}, with the id the scope's position gives it. */
    public static WorkUnit of(String scope, String entity, boolean firstScope) {
        return new WorkUnit(scope, entity, qualified(entity, scope, firstScope));
    }

    /** Whether this unit is in the connection's first scope (its id is the entity's name). */
    public boolean inFirstScope() {
        return id.equals(entity);
    }

    /**
     * A name of this unit's scope, made as the unit's id is made from its entity: as it is in the first scope,
     * {@code name@scope} in the others. What a host names a unit's collections or topics with, so two scopes never
     * share one and a connection that gains scopes keeps the names it had.
     */
    public String qualified(String name) {
        return qualified(name, scope, inFirstScope());
    }

    private static String qualified(String name, String scope, boolean firstScope) {
        return firstScope ? name : name + "@" + scope;
    }
}
