package io.ipaas.kafkaconnect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.json.JsonConverter;
import org.junit.jupiter.api.Test;

class ConnectValuesTest {
    @Test
    void decimalsDatesAndNestedValuesReachJsonAsBusinessCentralSentThem() {
        Map<String, Object> fields = Map.of(
                "unitPrice",
                new BigDecimal("12.99"),
                "huge",
                new BigDecimal("123456789012345678.12"),
                "postingDate",
                LocalDate.of(2026, 12, 4),
                "lines",
                List.of(Map.of("quantity", new BigDecimal("3"))));
        JsonConverter json = new JsonConverter();
        json.configure(Map.of("schemas.enable", "false"), false);
        String written = new String(json.fromConnectData("t", null, ConnectValues.of(fields)));
        assertEquals(12.99, ConnectValues.value(new BigDecimal("12.99")));
        assertEquals("123456789012345678.12", ConnectValues.value(new BigDecimal("123456789012345678.12")));
        assertEquals("2026-12-04", ConnectValues.value(LocalDate.of(2026, 12, 4)));
        assertEquals(true, written.contains("\"unitPrice\":12.99"), written);
        assertEquals(true, written.contains("\"quantity\":3.0") || written.contains("\"quantity\":3"), written);
    }

    @Test
    void aUnitsSourcePartitionSerialisesTheSameInEveryJvm() {
        // Connect finds a committed offset by these bytes; Map.of's order differs from JVM to JVM
        JsonConverter json = new JsonConverter();
        json.configure(Map.of("schemas.enable", "false"), true);
        String written = new String(json.fromConnectData("t", null, IpaasSourceTask.partition("bc", "items")));
        assertEquals("{\"subscription\":\"bc\",\"unit\":\"items\"}", written);
    }
}
