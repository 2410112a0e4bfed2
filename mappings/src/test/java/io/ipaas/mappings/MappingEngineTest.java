package io.ipaas.mappings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MappingEngineTest {
    private static final MappingCollection ITEMS = MappingDocument.parse(resource("/example-items.mapping.json"))
            .collection("bc-items-to-products")
            .orElseThrow();

    private static Map<String, Object> item() {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("id", "5e5a8c0e-7d35-f011-a5f1-6045bd7e02c4");
        item.put("number", "1896-S");
        item.put("displayName", "ATHENS Desk");
        item.put("type", "Inventory");
        item.put("unitPrice", new BigDecimal("1000.8"));
        item.put("blocked", null);
        item.put(
                "itemVariants",
                List.of(
                        Map.of("id", "v1", "code", "RED", "description", "Red desk"),
                        Map.of("id", "v2", "code", "BLUE", "description", "Blue desk")));
        return item;
    }

    @Test
    void mapsFieldsStaticsLookupsNestedTargetsListIndexesAndChildren() {
        Map<String, Object> product = MappingEngine.apply(ITEMS, item());
        assertEquals("1896-S", product.get("sku"));
        assertEquals("physical", product.get("type"));
        assertEquals(new BigDecimal("1000.8"), product.get("price"));
        assertEquals(false, product.get("blocked"), "default applies to a null source");
        assertEquals(Map.of("origin", "business-central", "firstVariant", "RED"), product.get("custom"));
        assertEquals(
                List.of(
                        Map.of("code", "RED", "description", "Red desk"),
                        Map.of("code", "BLUE", "description", "Blue desk")),
                product.get("variants"));
        assertEquals("5e5a8c0e-7d35-f011-a5f1-6045bd7e02c4", MappingEngine.recordId(ITEMS, item()));
    }

    @Test
    void missingRequiredSourceNamesCollectionFieldAndRecord() {
        Map<String, Object> item = item();
        item.remove("number");
        MappingException e = assertThrows(MappingException.class, () -> MappingEngine.apply(ITEMS, item));
        assertEquals("bc-items-to-products", e.collection());
        assertEquals("sku", e.targetField());
        assertEquals("5e5a8c0e-7d35-f011-a5f1-6045bd7e02c4", e.recordId());
        assertTrue(e.getMessage().contains("source 'number' is missing"), e.getMessage());
    }

    @Test
    void unknownLookupValueWithoutDefaultFailsListingTheKnownKeys() {
        Map<String, Object> item = item();
        item.put("type", "Kit");
        MappingException e = assertThrows(MappingException.class, () -> MappingEngine.apply(ITEMS, item));
        assertEquals("type", e.targetField());
        assertTrue(
                e.getMessage().contains("'Kit'") && e.getMessage().contains("Inventory, Service, Non_x002D_Inventory"),
                e.getMessage());
    }

    @Test
    void aFailingChildIsNamedByIndexAndChildId() {
        Map<String, Object> item = item();
        item.put("itemVariants", List.of(Map.of("id", "v1", "code", "RED"), Map.of("id", "v2")));
        MappingException e = assertThrows(MappingException.class, () -> MappingEngine.apply(ITEMS, item));
        assertEquals("variants[1].code", e.targetField());
        assertTrue(e.recordId().endsWith("/ v2"), e.recordId());
    }

    @Test
    void missingChildArrayBecomesAnEmptyList() {
        Map<String, Object> item = item();
        item.remove("itemVariants");
        assertEquals(List.of(), MappingEngine.apply(ITEMS, item).get("variants"));
    }

    @Test
    void exampleFitsTheCanonicalModel() {
        assertEquals(List.of(), CanonicalModel.check(ITEMS));
    }

    @Test
    void unknownCanonicalFieldIsReported() {
        MappingCollection bad = MappingDocument.parse(resource("/example-items.mapping.json")
                        .replace("\"target\": \"name\"", "\"target\": \"title\""))
                .collections()
                .get(0);
        List<String> problems = CanonicalModel.check(bad);
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).contains("'title'"), problems.get(0));
    }

    static String resource(String path) {
        try (InputStream in = MappingEngineTest.class.getResourceAsStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
