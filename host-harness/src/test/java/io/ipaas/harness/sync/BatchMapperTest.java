package io.ipaas.harness.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ipaas.connector.api.entity.Operation;
import io.ipaas.connector.api.entity.Record;
import io.ipaas.connector.api.poll.Checkpoint;
import io.ipaas.connector.api.poll.PollBatch;
import io.ipaas.connector.api.poll.RejectedRecord;
import io.ipaas.mappings.MappingCollection;
import io.ipaas.mappings.MappingDocument;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BatchMapperTest {
    private static final List<MappingCollection> COLLECTIONS =
            MappingDocument.parse("""
            {"formatVersion": 1, "connector": "fake", "collections": [{
              "name": "things", "entity": "things", "direction": "inbound", "target": "product", "keyField": "id",
              "fields": [{"kind": "field", "target": "sku", "source": "sku", "required": true}]}]}
            """).collections();

    static Record upsert(String key, String sku) {
        Map<String, Object> fields = new java.util.HashMap<>();
        fields.put("id", key);
        fields.put("sku", sku);
        return new Record("things", key, Operation.UPSERT, fields, Optional.empty(), Optional.empty());
    }

    static Record delete(String key) {
        return new Record("things", key, Operation.DELETE, Map.of("id", key), Optional.empty(), Optional.empty());
    }

    @Test
    void withinABatchTheLastOperationOnAKeyWinsAsIfWrittenOneByOne() {
        PollBatch batch = new PollBatch(
                List.of(
                        upsert("a", "A1"),
                        delete("a"),
                        delete("b"),
                        upsert("b", "B1"),
                        upsert("c", "C1"),
                        upsert("c", "C2"),
                        upsert("d", null),
                        upsert("d", "D1"),
                        upsert("e", "E1"),
                        upsert("e", null)),
                new Checkpoint(1, Map.of("page", 1)),
                false);
        MappedBatch mapped = new BatchMapper(COLLECTIONS).map(batch);
        assertEquals(
                List.of(
                        "b={\"sku\":\"B1\"}",
                        "c={\"sku\":\"C1\"}",
                        "c={\"sku\":\"C2\"}",
                        "d={\"sku\":\"D1\"}",
                        "e={\"sku\":\"E1\"}"),
                mapped.upserts().get(0).stream()
                        .map(row -> row.key() + "=" + row.json())
                        .toList(),
                "c is written twice in order (the store keeps the last); e's first version was stored, its second"
                        + " failed mapping and is quarantined");
        assertEquals(List.of("a"), mapped.deletes().get(0));
        assertEquals(
                List.of("e"),
                mapped.quarantined().stream().map(MappedBatch.Quarantined::key).toList());
        assertEquals(List.of("a", "b", "c", "d"), mapped.released());
        assertEquals(10, mapped.received());
    }

    @Test
    void aKeyQuarantinedThenMappedCleanlyLeavesQuarantineAndARejectedOneNeverDoes() {
        PollBatch batch = new PollBatch(
                List.of(upsert("a", null), upsert("a", "A1"), upsert("b", "B1"), upsert("c", "C1")),
                List.of(new RejectedRecord("c", "unreadable", "{\"id\":")),
                new Checkpoint(1, Map.of("page", 1)),
                false);
        MappedBatch mapped = new BatchMapper(COLLECTIONS).map(batch);
        assertEquals(
                List.of("c"),
                mapped.quarantined().stream().map(MappedBatch.Quarantined::key).toList());
        assertEquals(List.of("a", "b"), mapped.released());
    }
}
