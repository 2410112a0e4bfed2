package io.ipaas.harness.sync;

import io.ipaas.connector.api.WorkUnit;

/**
 * Where a work unit's records are stored: a mapping collection of the first scope keeps its name (a subscription that
 * gains scopes keeps its records), the same collection of another scope is {@code collection@scope}, so two companies'
 * records never share keys.
 */
public final class UnitCollections {
    private UnitCollections() {}

    public static String storedName(WorkUnit unit, String collection) {
        return unit.inFirstScope() ? collection : collection + "@" + unit.scope();
    }
}
