package io.ipaas.connector.api.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RecordTest {

    @Test
    void theConstructorCopiesTheFieldsAndKeepsTheirOrderAndNulls() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("b", 1);
        fields.put("a", null);
        Record record = new Record("items", "1", Operation.UPSERT, fields, Optional.empty(), Optional.empty());
        fields.put("c", 2);
        assertEquals(List.of("b", "a"), List.copyOf(record.fields().keySet()));
        assertThrows(UnsupportedOperationException.class, () -> record.fields().put("d", 3));
    }

    @Test
    void aHandedOverMapIsKeptReadOnlyAndNotCopiedAgain() {
        LinkedHashMap<String, Object> fields = new LinkedHashMap<>();
        fields.put("id", "1");
        fields.put("name", null);
        Record record = Record.handOver("items", "1", Operation.UPSERT, fields, Optional.empty(), Optional.empty());
        assertEquals(Map.of("id", "1"), Map.of("id", record.fields().get("id")));
        assertEquals(2, record.fields().size());
        assertThrows(UnsupportedOperationException.class, () -> record.fields().put("x", 1));
        assertThrows(
                UnsupportedOperationException.class,
                () -> record.fields().entrySet().clear());
        // a copy of the record (as a host makes with another key) keeps the same view
        Record renamed =
                new Record("items", "2", record.operation(), record.fields(), Optional.empty(), Optional.empty());
        assertSame(record.fields(), renamed.fields());
        assertEquals(record.fields(), new LinkedHashMap<>(fields));
    }
}
