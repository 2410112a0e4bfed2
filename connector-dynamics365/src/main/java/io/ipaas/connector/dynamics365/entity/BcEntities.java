package io.ipaas.connector.dynamics365.entity;

import java.util.List;
import java.util.Optional;

/** The entities this connector reads, per Microsoft's API v2.0 pages (facts §2). */
public final class BcEntities {
    public static final String ITEMS = "items";
    public static final String ITEM_VARIANTS = "itemVariants";

    public static final EntityDefinition ITEM =
            new EntityDefinition(ITEMS, "Items", "items", "lastModifiedDateTime", Optional.of("itemVariants"), true);
    public static final EntityDefinition ITEM_VARIANT = new EntityDefinition(
            ITEM_VARIANTS, "Item variants", "itemVariants", "lastModifiedDateTime", Optional.empty(), false);

    public static final List<EntityDefinition> ALL = List.of(ITEM, ITEM_VARIANT);

    private BcEntities() {}
}
