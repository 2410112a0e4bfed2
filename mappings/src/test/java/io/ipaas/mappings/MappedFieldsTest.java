package io.ipaas.mappings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MappedFieldsTest {
    private static FieldMapping copy(String target, String source) {
        return new FieldMapping.Copy(FieldPath.of(target), FieldPath.of(source), false, Optional.empty());
    }

    /** Targets written by a level: "custom" twice (nested), "sku" written twice, a null value. */
    private static final List<FieldMapping> FIELDS = List.of(
            copy("sku", "number"),
            copy("custom.origin", "origin"),
            copy("name", "displayName"),
            copy("custom.colour", "colour"),
            copy("sku", "number2"),
            copy("blocked", "blocked"));

    @Test
    void writtenByPathsItEqualsALinkedHashMapWrittenTheSameWay() {
        Map<String, Object> source = new LinkedHashMap<>();
        source.put("number", "1896-S");
        source.put("origin", "bc");
        source.put("displayName", "Desk");
        source.put("colour", "red");
        source.put("number2", "1896-T");

        Map<String, Object> mapped = new MappedFields(TargetShape.of(FIELDS));
        Map<String, Object> expected = new LinkedHashMap<>();
        for (FieldMapping field : FIELDS) {
            Object value = ((FieldMapping.Copy) field).source().read(source);
            field.target().write(mapped, value);
            field.target().write(expected, value);
        }

        assertEquals(expected, mapped);
        assertEquals(expected.hashCode(), mapped.hashCode());
        assertEquals(List.copyOf(expected.keySet()), List.copyOf(mapped.keySet()));
        List<String> walked = new ArrayList<>();
        mapped.forEach((name, value) -> walked.add(name + "=" + value));
        List<String> expectedWalk = new ArrayList<>();
        expected.forEach((name, value) -> expectedWalk.add(name + "=" + value));
        assertEquals(expectedWalk, walked);
        assertEquals(4, mapped.size());
        assertTrue(mapped.containsKey("blocked"), "a null value is a written field");
        assertNull(mapped.get("blocked"));
        assertEquals("1896-T", mapped.get(new String("sku")), "found by equality, not only by the interned name");
    }

    @Test
    void namesTheMappingNeverWritesGoAfterItsOwnInPutOrder() {
        Map<String, Object> mapped = new MappedFields(TargetShape.of(FIELDS));
        assertTrue(mapped.isEmpty());
        mapped.put("extra", 1);
        mapped.put("name", "Desk");
        mapped.put("another", null);
        mapped.put("sku", "A");

        assertEquals(List.of("sku", "name", "extra", "another"), List.copyOf(mapped.keySet()));
        assertEquals(4, mapped.size());
        assertFalse(mapped.containsKey("custom"));
        assertTrue(mapped.containsKey("another"));
        assertEquals(1, mapped.put("extra", 2));
        assertEquals("A", mapped.put("sku", "B"));
        assertEquals(Map.of("sku", "B", "name", "Desk", "extra", 2), withoutNulls(mapped));
    }

    private static Map<String, Object> withoutNulls(Map<String, Object> map) {
        Map<String, Object> out = new LinkedHashMap<>();
        map.forEach((name, value) -> {
            if (value != null) {
                out.put(name, value);
            }
        });
        return out;
    }
}
