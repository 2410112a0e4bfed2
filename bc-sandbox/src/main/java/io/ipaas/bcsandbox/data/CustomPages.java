package io.ipaas.bcsandbox.data;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;

/**
 * The records behind the one custom API route the sandbox publishes, {@code api/contoso/commerce/v1.0} (facts
 * §1.3): a partner's extension as integrators meet them. {@code customerPriceGroups} carries
 * {@code lastModifiedDateTime} (read incrementally), {@code webCategories} does not (read whole), so a connector
 * that learns pages from {@code $metadata} meets both shapes.
 */
public final class CustomPages {
    public static final String ROUTE = "contoso/commerce/v1.0";
    public static final String PRICE_GROUPS = "customerPriceGroups";
    public static final String WEB_CATEGORIES = "webCategories";
    public static final List<String> ENTITY_SETS = List.of(PRICE_GROUPS, WEB_CATEGORIES);
    public static final String VERSION = "$version";

    private final Map<String, RowSet> sets = new LinkedHashMap<>();

    CustomPages(long seed, int companyIndex, Instant anchor) {
        Random random = new Random(seed * 53 + companyIndex);
        ENTITY_SETS.forEach(set -> sets.put(set, new RowSet(set)));
        String[][] groups = {
            {"RETAIL", "Retail"}, {"WHOLESALE", "Wholesale"}, {"VIP", "Key accounts"}, {"WEB", "Web shop"}
        };
        for (int i = 0; i < groups.length; i++) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", id(0x7301, companyIndex, i));
            row.put("code", groups[i][0]);
            row.put("description", groups[i][1]);
            row.put("priceIncludesTax", i == 3);
            row.put("allowLineDiscount", i != 2);
            row.put("discountPercent", BigDecimal.valueOf(random.nextInt(15)));
            row.put(
                    "lastModifiedDateTime",
                    Instant.ofEpochMilli(anchor.toEpochMilli() - 1 - random.nextInt(86_400_000)));
            sets.get(PRICE_GROUPS).add(row);
        }
        String[][] categories = {
            {"FURNITURE", "", "Furniture"},
            {"CHAIRS", "FURNITURE", "Chairs"},
            {"TABLES", "FURNITURE", "Tables"},
            {"LIGHTS", "", "Lighting"},
            {"DESK-LAMPS", "LIGHTS", "Desk lamps"}
        };
        for (int i = 0; i < categories.length; i++) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", id(0x7302, companyIndex, i));
            row.put("code", categories[i][0]);
            row.put("parentCode", categories[i][1]);
            row.put("displayName", categories[i][2]);
            row.put("sortOrder", (i + 1) * 10);
            row.put(VERSION, 1);
            sets.get(WEB_CATEGORIES).add(row);
        }
    }

    public Optional<RowSet> set(String entitySet) {
        return Optional.ofNullable(sets.get(entitySet));
    }

    private static UUID id(int kind, int companyIndex, int position) {
        return BcGuids.of(BcGuids.scramble(position, 0x61c88647 + companyIndex * 7919 + kind), kind, 0xf211);
    }
}
