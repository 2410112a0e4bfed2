package io.ipaas.harness.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RowJsonTest {

    @Test
    void writesWhatTheStoresObjectMapperWrites() {
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("code", "PCS");
        nested.put("factor", new BigDecimal("1.50"));
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("text", "Bicycle \"Fast\" \u202e\n\t€");
        fields.put("int", 5);
        fields.put("long", 5_000_000_000L);
        fields.put("decimal", new BigDecimal("1E+3"));
        fields.put("big", new BigInteger("123456789012345678901234567890"));
        fields.put("double", 0.1);
        fields.put("flag", true);
        fields.put("nothing", null);
        fields.put("unit", nested);
        fields.put("list", Arrays.asList(1, "two", null, List.of(), Map.of()));
        assertEquals(Store.json(fields), new String(RowJson.of(fields), StandardCharsets.UTF_8));
    }

    @Test
    void rowsWrittenOneAfterTheOtherStaySeparateDocuments() {
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            rows.add(new String(RowJson.of(Map.of("n", i)), StandardCharsets.UTF_8));
        }
        assertEquals(List.of("{\"n\":0}", "{\"n\":1}", "{\"n\":2}"), rows);
    }
}
