package io.ipaas.connector.dynamics365.entity;

import java.util.List;

/** Names of the entities other code refers to, and the whole catalogue (facts §2). */
public final class BcEntities {
    public static final String ITEMS = "items";
    public static final String ITEM_VARIANTS = "itemVariants";
    public static final String CUSTOMERS = "customers";
    public static final String CONTACTS = "contacts";

    public static final List<EntityDefinition> ALL = EntityCatalogue.standard().entities();

    private BcEntities() {}

    /** The catalogue's entry; fails for a name the catalogue lacks. */
    public static EntityDefinition get(String name) {
        return EntityCatalogue.standard()
                .entity(name)
                .orElseThrow(() -> new IllegalArgumentException("no entity '" + name + "' in the catalogue"));
    }
}
