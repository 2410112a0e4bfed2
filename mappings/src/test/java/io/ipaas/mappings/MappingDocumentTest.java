package io.ipaas.mappings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MappingDocumentTest {
    private static final String GOOD = MappingEngineTest.resource("/example-items.mapping.json");

    @Test
    void goodDocumentParses() {
        MappingDocument document = MappingDocument.parse(GOOD);
        assertEquals("dynamics365", document.connector());
        assertEquals(MappingDirection.INBOUND, document.collections().get(0).direction());
        assertEquals(List.of(), MappingSchema.validate(GOOD));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "\"kind\": \"static\", \"target\": \"custom.origin\"|\"kind\": \"script\", \"target\": \"custom.origin\"|/collections/0/fields/5/kind",
                "\"target\": \"sku\", \"source\": \"number\"|\"target\": \"sku\"|/collections/0/fields/0",
                "\"direction\": \"inbound\"|\"direction\": \"inbound\", \"colour\": \"red\"|/collections/0",
                "\"table\": { \"Inventory\": \"physical\", \"Service\": \"service\", \"Non_x002D_Inventory\": \"nonInventory\" }|\"tabel\": {}|/collections/0/fields/2",
                "\"keyField\": \"id\",|\"keyField\": \"not a path\",|/collections/0/keyField",
            })
    void schemaRejectsBadShapesWithTheirLocation(String from, String to, String location) {
        String bad = GOOD.replace(from, to);
        assertTrue(!bad.equals(GOOD), "replacement did not apply: " + from);
        MappingFormatException e = assertThrows(MappingFormatException.class, () -> MappingDocument.parse(bad));
        assertTrue(e.problems().stream().anyMatch(p -> p.startsWith(location)), location + " not in " + e.problems());
    }

    @Test
    void duplicateCollectionNamesAreRejected() {
        int start = GOOD.indexOf("    {\n      \"name\"");
        int end = GOOD.lastIndexOf("  ]\n}");
        String collection = GOOD.substring(start, end).stripTrailing();
        String twice = GOOD.substring(0, end).stripTrailing() + ",\n" + collection + "\n  ]\n}\n";
        MappingFormatException e = assertThrows(MappingFormatException.class, () -> MappingDocument.parse(twice));
        assertTrue(e.problems().get(0).contains("used twice"), e.problems().toString());
    }

    @Test
    void aTargetWrittenTwiceIsRejected() {
        String bad = GOOD.replace("\"target\": \"price\"", "\"target\": \"sku\"");
        MappingFormatException e = assertThrows(MappingFormatException.class, () -> MappingDocument.parse(bad));
        assertTrue(
                e.problems().get(0).contains("'sku' is written by two mappings"),
                e.problems().toString());
    }

    @Test
    void malformedJsonIsReportedWithLineAndColumn() {
        List<String> problems = MappingSchema.validate("{\n  \"formatVersion\": 1,\n  \"connector\": }");
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).contains("line 3, column"), problems.get(0));
    }
}
