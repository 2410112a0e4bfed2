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

    @Test
    void entitiesThatShareTheirNamesStillBehaveLikeTheirOwnLinkedHashMaps() {
        List<String> template = List.of("a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l");
        ParsedFields first = new ParsedFields(4);
        Map<String, Object> firstExpected = new LinkedHashMap<>();
        for (String name : template) {
            first.put(name, name.toUpperCase());
            firstExpected.put(name, name.toUpperCase());
        }
        FieldNames shared = first.seal();

        // the same names: shared as they are
        ParsedFields same = filled(shared, template);
        // fewer names: the template's later names are not this entity's
        ParsedFields shorter = filled(shared, template.subList(0, 5));
        // parts after three names, then repeats one
        ParsedFields parted = filled(shared, List.of("a", "b", "c", "z", "e", "b"));
        // more names than the template
        ParsedFields longer = filled(shared, List.of("a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m"));

        assertEquals(firstExpected, first);
        assertEquals(expected(template), same);
        assertEquals(expected(template.subList(0, 5)), shorter);
        assertNull(shorter.get("f"));
        assertFalse(shorter.containsKey("l"));
        assertEquals(expected(List.of("a", "b", "c", "z", "e", "b")), parted);
        assertEquals(List.of("a", "b", "c", "z", "e"), List.copyOf(parted.keySet()));
        assertEquals(expected(List.of("a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m")), longer);
        // found through the table by equality, not only by identity
        assertEquals("a-value", same.get(new String("a")));
        assertEquals("l-value", longer.get(new String("l")));
        assertNull(same.get(42));
    }

    @Test
    void aPutAfterSealingChangesOnlyThatEntity() {
        List<String> template = List.of("a", "b", "c", "d", "e", "f", "g", "h", "i", "j");
        ParsedFields first = filled(null, template);
        FieldNames shared = first.seal();
        ParsedFields second = filled(shared, template);
        second.seal();

        second.put("new", 1);
        second.put("a", "changed");

        assertEquals(expected(template), first);
        assertEquals(11, second.size());
        assertEquals("changed", second.get("a"));
        assertEquals(1, second.get("new"));
        assertEquals(10, shared.count());
        assertNull(first.get("new"));
    }

    private static ParsedFields filled(FieldNames template, List<String> names) {
        ParsedFields fields = template == null ? new ParsedFields(4) : new ParsedFields(template);
        // names arrive as the parser gives them: interned
        names.forEach(name -> fields.put(name.intern(), name + "-value"));
        return fields;
    }

    private static Map<String, Object> expected(List<String> names) {
        Map<String, Object> expected = new LinkedHashMap<>();
        names.forEach(name -> expected.put(name, name + "-value"));
        return expected;
    }
}
