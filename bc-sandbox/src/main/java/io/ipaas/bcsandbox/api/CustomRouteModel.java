package io.ipaas.bcsandbox.api;

import io.ipaas.bcsandbox.data.CustomPages;
import io.ipaas.bcsandbox.odata.EntityType;
import io.ipaas.bcsandbox.odata.MetadataDocument;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The entity types of the custom route {@code api/contoso/commerce/v1.0} and its {@code $metadata}. */
public final class CustomRouteModel {
    public static final EntityType<Map<String, Object>> PRICE_GROUP =
            RowTypes.type("customerPriceGroup", """
            id GUID, code STRING, description STRING, priceIncludesTax BOOLEAN, allowLineDiscount BOOLEAN,
            discountPercent DECIMAL, lastModifiedDateTime DATETIMEOFFSET
            """, Set.of());

    public static final EntityType<Map<String, Object>> WEB_CATEGORY =
            RowTypes.versionedType("webCategory", """
            id GUID, code STRING, parentCode STRING, displayName STRING, sortOrder INT32
            """, Set.of());

    public static final Map<String, EntityType<Map<String, Object>>> SETS = sets();

    private static final String METADATA = MetadataDocument.render(
            List.of(
                    new MetadataDocument.TypeEntry(PRICE_GROUP, List.of()),
                    new MetadataDocument.TypeEntry(WEB_CATEGORY, List.of())),
            Map.of(),
            types());

    private CustomRouteModel() {}

    public static String metadata() {
        return METADATA;
    }

    private static Map<String, EntityType<Map<String, Object>>> sets() {
        Map<String, EntityType<Map<String, Object>>> sets = new LinkedHashMap<>();
        sets.put(CustomPages.PRICE_GROUPS, PRICE_GROUP);
        sets.put(CustomPages.WEB_CATEGORIES, WEB_CATEGORY);
        return java.util.Collections.unmodifiableMap(sets);
    }

    private static Map<String, String> types() {
        Map<String, String> types = new LinkedHashMap<>();
        SETS.forEach((set, type) -> types.put(set, type.name()));
        return types;
    }
}
