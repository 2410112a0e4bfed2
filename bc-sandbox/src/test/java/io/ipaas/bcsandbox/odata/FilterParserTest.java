package io.ipaas.bcsandbox.odata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class FilterParserTest {
    private record Row(UUID id, String name, BigDecimal price, boolean blocked, Instant modified) {}

    private static final EntityType<Row> TYPE = new EntityType<>(
            "row",
            List.of(
                    Property.of("id", EdmType.GUID, Row::id),
                    Property.of("name", EdmType.STRING, Row::name),
                    Property.of("price", EdmType.DECIMAL, Row::price),
                    Property.of("blocked", EdmType.BOOLEAN, Row::blocked),
                    Property.of("lastModifiedDateTime", EdmType.DATETIMEOFFSET, Row::modified)),
            Set.of(),
            null);

    private static final Row ROW = new Row(
            UUID.fromString("fca5738a-44e3-f011-a5f1-6045bd7e02c4"),
            "O'Brien Desk",
            new BigDecimal("1000.80"),
            false,
            Instant.parse("2026-03-09T14:02:11.807Z"));

    private static boolean test(String filter) {
        Map<String, Object> values = Map.of(
                "id",
                ROW.id(),
                "name",
                ROW.name(),
                "price",
                ROW.price(),
                "blocked",
                ROW.blocked(),
                "lastModifiedDateTime",
                ROW.modified());
        return FilterParser.parse(filter, TYPE).test(values::get);
    }

    @Test
    void comparesTimestampsAtMillisecondPrecision() {
        assertTrue(test("lastModifiedDateTime gt 2026-03-09T14:02:11.806Z"));
        assertFalse(test("lastModifiedDateTime gt 2026-03-09T14:02:11.807Z"));
        assertTrue(test("lastModifiedDateTime ge 2026-03-09T14:02:11.807Z"));
        assertTrue(test("lastModifiedDateTime le 2026-03-09T14:02:11.807Z"));
        assertFalse(test("lastModifiedDateTime lt 2026-03-09T14:02:11.807Z"));
        assertTrue(
                test("lastModifiedDateTime ge 2026-03-09T00:00:00Z and lastModifiedDateTime lt 2026-03-10T00:00:00Z"));
        assertTrue(test("lastModifiedDateTime eq 2026-03-09T15:02:11.807+01:00"));
    }

    @Test
    void unescapesDoubledQuotesAndComparesOtherTypes() {
        assertTrue(test("name eq 'O''Brien Desk'"));
        assertFalse(test("name eq 'o''brien desk'"), "case-sensitive, like AL filters");
        assertTrue(test("id eq fca5738a-44e3-f011-a5f1-6045bd7e02c4"));
        assertTrue(test("price eq 1000.8 and blocked eq false"));
        assertTrue(test("price gt 1000"));
        assertTrue(test("(name eq 'x') or (name eq 'O''Brien Desk')"));
        assertTrue(test("name in ('a', 'O''Brien Desk')"));
        assertTrue(test("startswith(name,'O''B') and endswith(name,'Desk') and contains(name,'Brien')"));
        assertFalse(test("contains(name,'brien')"));
    }

    @Test
    void rejectsWhatBcRejects() {
        assertEquals(
                "BadRequest_MethodNotImplemented",
                assertThrows(BcException.class, () -> test("name eq 'x' or price gt 1"))
                        .code());
        assertEquals(
                501,
                assertThrows(BcException.class, () -> test("name eq 'x' or price gt 1"))
                        .status());
        for (String bad : List.of(
                "",
                "name",
                "name eq",
                "name eq 'x",
                "name eq x",
                "name eq 'x')",
                "(name eq 'x'",
                "name EQ 'x'",
                "name eq 'x' AND price gt 1",
                "blocked gt true",
                "price gt 'x'",
                "lastModifiedDateTime gt 2026-03-09",
                "id eq 'fca5738a-44e3-f011-a5f1-6045bd7e02c4'",
                "colour eq 'x'")) {
            BcException error = assertThrows(BcException.class, () -> test(bad), bad);
            assertEquals(400, error.status(), bad);
            assertEquals("BadRequest_NotFound", error.code(), bad);
        }
    }
}
