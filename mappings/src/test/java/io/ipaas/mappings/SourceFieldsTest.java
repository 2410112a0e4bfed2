package io.ipaas.mappings;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SourceFieldsTest {

    @Test
    void copiesLookupsChildrenAndKeysAreReadStaticsAreNot() {
        MappingDocument document = MappingDocument.parse("""
                {
                  "formatVersion": 1,
                  "connector": "test",
                  "collections": [
                    {
                      "name": "products", "title": "t", "description": "d", "entity": "items",
                      "direction": "inbound", "target": "product", "keyField": "id",
                      "fields": [
                        { "kind": "field", "target": "sku", "source": "number", "required": true },
                        { "kind": "static", "target": "currency", "value": "USD" },
                        { "kind": "lookup", "target": "type", "source": "type", "table": { "Service": "service" } },
                        { "kind": "field", "target": "unit", "source": "unitOfMeasure.code" },
                        { "kind": "children", "target": "variants", "source": "itemVariants", "keyField": "id",
                          "fields": [ { "kind": "field", "target": "code", "source": "code" } ] }
                      ]
                    }
                  ]
                }
                """);
        assertEquals(
                Set.of("id", "number", "type", "unitOfMeasure.code", "itemVariants.id", "itemVariants.code"),
                SourceFields.of(document.collections()));
        assertEquals(Set.of(), SourceFields.of(List.of()));
    }
}
