package io.ipaas.connector.dynamics365.odata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ParsedFieldsTest {

    @Test
    void behavesLikeALinkedHashMapInOrderNullsAndRepeatedNames() {
        ParsedFields parsed = new ParsedFields(1);
        Map<String, Object> expected = new LinkedHashMap<>();
        for (int i = 0; i < 40; i++) {
            parsed.put("field" + i, i % 7 == 0 ? null : i);
            expected.put("field" + i, i % 7 == 0 ? null : i);
        }
        // a repeated name keeps its place and takes the last value
        assertEquals(3, parsed.put("field3", "again"));
        expected.put("field3", "again");
        assertEquals(expected, parsed);
        assertEquals(expected.hashCode(), parsed.hashCode());
        assertEquals(List.copyOf(expected.keySet()), List.copyOf(parsed.keySet()));
        assertEquals(40, parsed.size());
        // found by equality too, not only by the parser's interned instance
        assertEquals("again", parsed.get(new String("field3")));
        assertTrue(parsed.containsKey("field0"));
        assertNull(parsed.get("field0"));
        assertFalse(parsed.containsKey("missing"));
        assertNull(parsed.get(null));
    }
}
