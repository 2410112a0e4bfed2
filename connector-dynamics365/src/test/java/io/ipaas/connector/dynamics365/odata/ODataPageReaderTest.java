package io.ipaas.connector.dynamics365.odata;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ODataPageReaderTest {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS);

    /**
     * Entities whose names mostly come in one order, as BC sends them, but sometimes reordered, missing, repeated,
     * extra or annotated: every entity must read exactly as a plain JSON parse of it, annotations dropped.
     */
    @Test
    void entitiesReadLikeAPlainParseWhateverOrderTheirNamesComeIn() throws Exception {
        Random random = new Random(42);
        List<String> names = List.of(
                "id",
                "number",
                "displayName",
                "type",
                "itemCategoryCode",
                "blocked",
                "gtin",
                "inventory",
                "unitPrice",
                "priceIncludesTax",
                "unitCost",
                "taxGroupCode",
                "baseUnitOfMeasureCode",
                "lastModifiedDateTime");
        for (int page = 0; page < 20; page++) {
            StringBuilder body = new StringBuilder("{\"@odata.context\":\"x\",\"value\":[");
            int count = 1 + random.nextInt(30);
            for (int e = 0; e < count; e++) {
                List<String> order = new ArrayList<>(names);
                int change = random.nextInt(8);
                if (change == 0) {
                    java.util.Collections.swap(order, random.nextInt(order.size()), random.nextInt(order.size()));
                } else if (change == 1) {
                    order.remove(random.nextInt(order.size()));
                } else if (change == 2) {
                    order.add(random.nextInt(order.size()), "extra" + random.nextInt(3));
                } else if (change == 3) {
                    order = order.subList(0, 1 + random.nextInt(order.size() - 1));
                }
                if (e > 0) {
                    body.append(',');
                }
                body.append('{');
                if (random.nextBoolean()) {
                    body.append("\"@odata.etag\":\"W/\\\"").append(e).append("\\\"\",");
                }
                for (int i = 0; i < order.size(); i++) {
                    if (i > 0) {
                        body.append(',');
                    }
                    body.append('"').append(order.get(i)).append("\":").append(value(random, e, i));
                    if (random.nextInt(10) == 0) {
                        body.append(",\"").append(order.get(i)).append("@odata.type\":\"#x\"");
                    }
                }
                if (random.nextInt(6) == 0) {
                    // a repeated name: the last value wins
                    body.append(",\"number\":\"again-").append(e).append('"');
                }
                body.append('}');
            }
            body.append("]}");

            List<ODataEntity> read = new ArrayList<>();
            Optional<String> next = new ODataPageReader()
                    .read(new ByteArrayInputStream(body.toString().getBytes(StandardCharsets.UTF_8)), read::add);

            List<Map<String, Object>> expected = expected(body.toString());
            assertEquals(Optional.empty(), next);
            assertEquals(expected.size(), read.size());
            for (int i = 0; i < expected.size(); i++) {
                assertEquals(
                        expected.get(i), withoutAnnotations(read.get(i).fields()), "page " + page + " entity " + i);
                assertEquals(
                        List.copyOf(expected.get(i).keySet()),
                        List.copyOf(read.get(i).fields().keySet()),
                        "page " + page + " entity " + i + ": the names' order");
            }
        }
    }

    private static String value(Random random, int entity, int property) {
        return switch (random.nextInt(6)) {
            case 0 -> "\"text-" + entity + "-" + property + "\"";
            case 1 -> Integer.toString(random.nextInt(1000));
            case 2 -> "12.50";
            case 3 -> "null";
            case 4 -> "true";
            default ->
                "[{\"code\":\"A\",\"description\":\"d\"},{\"code\":\"B\",\"description\":\"e\",\"more\":1},"
                        + "{\"description\":\"f\",\"code\":\"C\"}]";
        };
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> expected(String body) throws Exception {
        Map<String, Object> page = JSON.readValue(body, Map.class);
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object entity : (List<Object>) page.get("value")) {
            out.add((Map<String, Object>) withoutAnnotations(entity));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Object withoutAnnotations(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            ((Map<String, Object>) map).forEach((name, child) -> {
                if (!name.contains("@")) {
                    out.put(name, withoutAnnotations(child));
                }
            });
            return out;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(ODataPageReaderTest::withoutAnnotations).toList();
        }
        // whole numbers compared by value: the reader keeps the smallest Java type, the plain parse BigInteger
        if (value instanceof Number number && !(value instanceof java.math.BigDecimal)) {
            return new java.math.BigInteger(number.toString());
        }
        return value;
    }
}
