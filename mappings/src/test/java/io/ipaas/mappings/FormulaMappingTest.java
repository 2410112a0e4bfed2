package io.ipaas.mappings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class FormulaMappingTest {
    private static final MappingDocument DOCUMENT = MappingDocument.parse(resource("/formulas.mapping.json"));
    private static final MappingCollection INBOUND =
            DOCUMENT.collection("bc-orders-to-orders").orElseThrow();
    private static final MappingCollection OUTBOUND =
            DOCUMENT.collection("orders-to-bc-orders").orElseThrow();

    private static Map<String, Object> bcOrder() {
        Map<String, Object> order = new LinkedHashMap<>();
        order.put("id", "b6f4017a");
        order.put("number", "S-ORD101042");
        order.put("orderDate", "2026-03-10");
        order.put("shipToAddressLine1", "Station Road, 21");
        order.put("shipToCity", "Atlanta");
        order.put("shipToState", "GA");
        order.put("shipToPostCode", "31772");
        order.put(
                "salesOrderLines",
                List.of(
                        Map.of(
                                "id",
                                "l1",
                                "lineObjectNumber",
                                "1896-S",
                                "quantity",
                                2,
                                "unitPrice",
                                new BigDecimal("949.5")),
                        Map.of("id", "l2", "lineObjectNumber", "1900-S", "quantity", 6, "unitPrice", 192.8)));
        return order;
    }

    private static Map<String, Object> platformOrder() {
        Map<String, Object> order = new LinkedHashMap<>();
        order.put("externalNumber", "WEB-100482");
        order.put("placedAt", "2026-03-10T09:14:02Z");
        order.put("customer", Map.of("number", "10000", "email", "Robert.Townes@Contoso.com"));
        order.put("shipTo", Map.of("firstName", "Robert", "lastName", "Townes"));
        order.put(
                "lines",
                List.of(
                        Map.of("sku", "1896-S", "quantity", 2, "total", 1899),
                        Map.of("sku", "GIFT-WRAP", "quantity", 1, "total", 0),
                        Map.of("sku", "1900-S", "quantity", 3, "total", 100)));
        return order;
    }

    @Test
    void inboundFormulasConcatenateSumConditionFormatDatesAndSeeTheWholeRecordFromAChild() {
        Map<String, Object> order = MappingEngine.apply(INBOUND, bcOrder());
        assertEquals(Map.of("oneLine", "Station Road, 21, Atlanta, GA 31772"), order.get("shipTo"));
        assertEquals(3055.8, ((Number) order.get("linesTotal")).doubleValue(), 1e-9);
        assertEquals("small", order.get("size"));
        assertEquals("10.03.2026", order.get("orderedOn"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> lines = (List<Map<String, Object>>) order.get("lines");
        Object amount = lines.get(0).get("amount");
        assertEquals(1899L, ((Number) amount).longValue());
        assertTrue(!(amount instanceof Double), "a whole number stays whole, not " + amount);
        assertEquals("S-ORD101042", lines.get(1).get("orderNumber"));
    }

    @Test
    void outboundFormulasBuildTheBcPayloadAndSkipLinesBeforeMappingThem() {
        PreparedMapping mapping = MappingEngine.prepare(
                OUTBOUND, Map.of("settings", Map.of("excludedLineItemSkus", List.of("GIFT-WRAP"))));
        Map<String, Object> payload = mapping.apply(platformOrder());
        assertEquals("WEB-100482", payload.get("externalDocumentNumber"));
        assertEquals("10000", payload.get("customerNumber"));
        assertEquals("Robert Townes", payload.get("shipToName"));
        assertEquals("2026-03-10", payload.get("orderDate"));
        assertEquals("robert.townes@contoso.com", payload.get("email"));
        assertEquals(
                List.of(
                        Map.of("lineType", "Item", "lineObjectNumber", "1896-S", "quantity", 2, "unitPrice", 949.5),
                        Map.of("lineType", "Item", "lineObjectNumber", "1900-S", "quantity", 3, "unitPrice", 33.33)),
                payload.get("salesOrderLines"));
    }

    @Test
    void withoutTheSettingNoLineIsSkipped() {
        Map<String, Object> payload = MappingEngine.apply(OUTBOUND, platformOrder());
        assertEquals(3, ((List<?>) payload.get("salesOrderLines")).size());
    }

    @Test
    void anExpressionThatFailsNamesCollectionFieldRecordAndItsOwnError() {
        Map<String, Object> order = platformOrder();
        order.put("lines", List.of(Map.of("sku", "1896-S", "quantity", 2, "total", "lots")));
        MappingException e = assertThrows(MappingException.class, () -> MappingEngine.apply(OUTBOUND, order));
        assertEquals("orders-to-bc-orders", e.collection());
        assertEquals("salesOrderLines[0].unitPrice", e.targetField());
        assertEquals("WEB-100482 / 1896-S", e.recordId());
        assertTrue(e.getMessage().contains("expression '$round(total / quantity, 2)' failed: "), e.getMessage());
        assertTrue(e.getMessage().contains("must evaluate to a number"), e.getMessage());
    }

    @Test
    void aRequiredFormulaThatYieldsNothingFailsTheRecord() {
        Map<String, Object> order = platformOrder();
        order.put("customer", Map.of("email", "x@example.com"));
        MappingException e = assertThrows(MappingException.class, () -> MappingEngine.apply(OUTBOUND, order));
        assertEquals("customerNumber", e.targetField());
        assertTrue(e.getMessage().contains("yields nothing and the field is required"), e.getMessage());
    }

    @Test
    void anExpressionThatDoesNotParseFailsTheDocumentWithItsLocation() {
        String json =
                resource("/formulas.mapping.json").replace("quantity * unitPrice\" }", "quantity * (unitPrice\" }");
        MappingFormatException e = assertThrows(MappingFormatException.class, () -> MappingDocument.parse(json));
        assertEquals(1, e.problems().size(), e.problems().toString());
        String problem = e.problems().get(0);
        assertTrue(problem.startsWith("/collections/0/fields/5/fields/1/expression: field 'amount':"), problem);
        assertTrue(problem.contains("does not parse"), problem);
    }

    @Test
    void expressionsNeedFormatVersionTwoAndVersionOneDocumentsStillRead() {
        String json = resource("/formulas.mapping.json").replace("\"formatVersion\": 2", "\"formatVersion\": 1");
        MappingFormatException e = assertThrows(MappingFormatException.class, () -> MappingDocument.parse(json));
        assertTrue(
                e.problems().get(0).contains("expressions need \"formatVersion\": 2"),
                e.problems().toString());
        assertEquals(
                1,
                MappingDocument.parse(resource("/example-items.mapping.json")).formatVersion());
    }

    @Test
    void aCollectionWithAnExpressionAsksForEveryField() {
        assertEquals(java.util.Set.of(), SourceFields.of(List.of(INBOUND)), "an expression may read any field");
    }

    @Test
    void oneParsedExpressionMapsOnManyThreadsAtOnce() throws Exception {
        PreparedMapping mapping = MappingEngine.prepare(INBOUND);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                String number = "S-" + i;
                results.add(pool.submit(() -> {
                    Map<String, Object> order = bcOrder();
                    order.put("number", number);
                    Map<String, Object> mapped = mapping.apply(order);
                    @SuppressWarnings("unchecked")
                    List<Map<String, Object>> lines = (List<Map<String, Object>>) mapped.get("lines");
                    return number.equals(lines.get(0).get("orderNumber"));
                }));
            }
            for (Future<Boolean> result : results) {
                assertTrue(result.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static String resource(String name) {
        try (InputStream in = FormulaMappingTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
