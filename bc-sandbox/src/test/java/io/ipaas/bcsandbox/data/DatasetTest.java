package io.ipaas.bcsandbox.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DatasetTest {
    private static final Instant ANCHOR = Instant.parse("2026-03-10T00:00:00Z");

    private static Dataset dataset(long seed, long items, int variantsPerItem) {
        return new Dataset(StandardCompanies.profiles(items), seed, variantsPerItem, ANCHOR);
    }

    @Test
    void sameSeedSameDataOtherSeedOtherData() {
        Dataset a = dataset(42, 100, 2);
        Dataset b = dataset(42, 100, 2);
        Dataset c = dataset(43, 100, 2);
        assertEquals(
                a.items(StandardCompanies.CRONUS_USA).toList(),
                b.items(StandardCompanies.CRONUS_USA).toList());
        assertEquals(
                a.variants(StandardCompanies.CRONUS_USA).toList(),
                b.variants(StandardCompanies.CRONUS_USA).toList());
        assertNotEquals(
                a.itemIds(StandardCompanies.CRONUS_USA).toList(),
                c.itemIds(StandardCompanies.CRONUS_USA).toList());
    }

    @Test
    void variantSpreadAndExactTotals() {
        for (int perItem : new int[] {0, 1, 2, 5}) {
            for (long items : new long[] {0, 1, 2, 3, 7, 100, 101}) {
                Dataset data = dataset(1, items, perItem);
                long walked = data.variantIds(StandardCompanies.CRONUS_USA).count();
                assertEquals(walked, data.variantCount(StandardCompanies.CRONUS_USA), perItem + "/" + items);
            }
        }
        CompanyData usa = dataset(1, 10, 2).company(StandardCompanies.CRONUS_USA);
        assertEquals(
                List.of(0, 1, 2, 0, 1, 2, 0, 1, 2, 0),
                java.util.stream.LongStream.range(0, 10)
                        .mapToObj(usa::variantCount)
                        .toList());
    }

    @Test
    void idsAreUniqueBcShapedAndDecodeBackToTheirPosition() {
        Dataset data = dataset(5, 3000, 3);
        Set<String> seen = new HashSet<>();
        for (var company : data.companies()) {
            CompanyData records = data.company(company.id());
            data.itemIds(company.id()).forEach(id -> assertTrue(seen.add(id), "duplicate " + id));
            data.variantIds(company.id()).forEach(id -> assertTrue(seen.add(id), "duplicate " + id));
            for (long i = 0; i < records.itemCount(); i += 97) {
                UUID id = records.itemId(i);
                assertTrue(id.toString().matches("[0-9a-f]{8}-[0-9a-f]{4}-f011-a5f1-6045bd7e02c4"), id.toString());
                assertEquals(OptionalLong.of(i), records.itemIndex(id));
                assertEquals(
                        OptionalLong.of(i),
                        records.itemIndexByNumber(records.item(i).number()));
            }
        }
        CompanyData usa = data.company(StandardCompanies.CRONUS_USA);
        CompanyData canada = data.company(StandardCompanies.CRONUS_CANADA);
        assertEquals(OptionalLong.empty(), canada.itemIndex(usa.itemId(3)), "ids never resolve in another company");
        assertEquals(OptionalLong.empty(), usa.itemIndex(UUID.fromString("fca5738a-44e3-f011-a5f1-6045bd7e02c4")));
        UUID variant = usa.variantId(7, 2);
        assertEquals(OptionalLong.of(usa.variantPosition(7, 2)), usa.variantPosition(variant));
        assertEquals(
                OptionalLong.empty(), usa.variantPosition(usa.variantId(8, 2)), "item 8 has only 2 variants (0,1)");
    }

    @Test
    void valuesLookLikeBcsAndTimestampsLieInTheNinetyDaysBeforeTheAnchor() {
        Dataset data = dataset(42, 2000, 2);
        Set<String> types = new HashSet<>();
        long blocked = 0;
        long withoutGtin = 0;
        long sameMillisecondAsPrevious = 0;
        Item previous = null;
        for (Item item : data.items(StandardCompanies.CRONUS_USA).toList()) {
            types.add(item.type());
            blocked += item.blocked() ? 1 : 0;
            withoutGtin += item.gtin().isEmpty() ? 1 : 0;
            assertTrue(item.unitPrice().scale() == 2 && item.unitPrice().signum() > 0, item.toString());
            assertTrue(item.unitCost().compareTo(item.unitPrice()) < 0, item.toString());
            assertTrue(item.lastModifiedDateTime().isBefore(ANCHOR));
            assertTrue(item.lastModifiedDateTime().isAfter(ANCHOR.minusSeconds(90L * 86_400 + 1)));
            assertEquals(0, item.lastModifiedDateTime().getNano() % 1_000_000, "millisecond precision");
            if (item.type().equals("Service")) {
                assertEquals("", item.inventoryPostingGroupCode());
                assertEquals(new UUID(0, 0), item.inventoryPostingGroupId());
            }
            if (previous != null && previous.lastModifiedDateTime().equals(item.lastModifiedDateTime())) {
                sameMillisecondAsPrevious++;
            }
            previous = item;
        }
        assertEquals(Set.of("Inventory", "Service", "Non_x002D_Inventory"), types);
        assertTrue(blocked > 0 && blocked < 200, "some items are blocked: " + blocked);
        assertTrue(withoutGtin > 0, "some items have an empty gtin");
        assertTrue(sameMillisecondAsPrevious > 10, "ties exist, as in a real table: " + sameMillisecondAsPrevious);
    }
}
