package io.ipaas.harness.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipaas.connector.api.entity.EntityWriter;
import io.ipaas.connector.api.entity.OutboundRecord;
import io.ipaas.connector.api.entity.WriteOutcome;
import io.ipaas.connector.api.error.ConnectorException;
import io.ipaas.harness.store.Store;
import io.ipaas.mappings.MappingDocument;
import io.ipaas.mappings.MappingEngine;
import io.ipaas.mappings.PreparedMapping;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The host's side of a push: outcomes stored as they come, failures kept with the record, dry runs writing nothing,
 * and the writer told which records no writer ever saw (so a repeat after a crash is never taken for a first try).
 */
class PushRunnerTest {
    private static final String SUBSCRIPTION = "sub-push";
    private static final String ENTITY = "salesOrders";
    private static final PreparedMapping MAPPING =
            MappingEngine.prepare(MappingDocument.parse("""
                    {
                      "formatVersion": 2,
                      "connector": "dynamics365",
                      "collections": [
                        {
                          "name": "orders-out", "entity": "salesOrders", "direction": "outbound",
                          "target": "salesOrders", "keyField": "number",
                          "fields": [
                            { "kind": "field", "target": "externalDocumentNumber", "source": "number", "required": true },
                            { "kind": "formula", "target": "customerNumber", "expression": "$uppercase(customer)",
                              "required": true }
                          ]
                        }
                      ]
                    }
                    """).collections().get(0), Map.of());

    @TempDir
    Path home;

    Store store;

    @BeforeEach
    void open() {
        store = Store.open(home);
    }

    @AfterEach
    void close() {
        store.close();
    }

    /** Writes what it is given, failing keys that start with "bad", and remembers every call. */
    static final class RecordingWriter implements EntityWriter {
        final List<List<OutboundRecord>> calls = new ArrayList<>();

        @Override
        public List<WriteOutcome> write(List<OutboundRecord> records) {
            calls.add(records);
            return records.stream()
                    .map(r -> r.idempotencyKey().startsWith("busy")
                            ? new WriteOutcome(
                                    r.idempotencyKey(),
                                    Optional.empty(),
                                    Optional.empty(),
                                    Optional.of(ConnectorException.transientFailure("busy", null, null)))
                            : r.idempotencyKey().startsWith("bad")
                                    ? new WriteOutcome(
                                            r.idempotencyKey(),
                                            Optional.empty(),
                                            Optional.empty(),
                                            Optional.of(ConnectorException.data(r.idempotencyKey(), "refused", null)))
                                    : new WriteOutcome(
                                            r.idempotencyKey(),
                                            Optional.of("id-" + r.idempotencyKey()),
                                            Optional.of("W/\"1\""),
                                            Optional.empty()))
                    .toList();
        }

        @Override
        public Optional<ConnectorException> validate(OutboundRecord record) {
            return record.idempotencyKey().startsWith("bad")
                    ? Optional.of(ConnectorException.data(record.idempotencyKey(), "would be refused", null))
                    : Optional.empty();
        }
    }

    private PushRunner runner() {
        return new PushRunner(store, SUBSCRIPTION, ENTITY, MAPPING);
    }

    private static Map<String, Object> order(String number) {
        return Map.of("number", number, "customer", "c10000");
    }

    @Test
    void aPushStoresWhereEachRecordWentAndKeepsTheFailedOnesWithTheirError() {
        RecordingWriter writer = new RecordingWriter();
        List<PushRunner.Result> results =
                runner().push(List.of(order("A-1"), order("bad-2"), Map.of("number", "A-3")), writer, r -> {});
        assertTrue(results.get(0).succeeded());
        assertEquals("C10000", results.get(0).payload().orElseThrow().get("customerNumber"));
        assertEquals("refused", results.get(1).connectorFailure().orElseThrow().getMessage());
        assertTrue(results.get(2).mappingFailure().orElseThrow().contains("field 'customerNumber'"));
        assertEquals(1, writer.calls.size());
        assertEquals(2, writer.calls.get(0).size(), "a record that does not map never reaches the writer");
        assertEquals(
                new Store.PushLink("id-A-1", Optional.of("W/\"1\"")),
                store.pushLink(SUBSCRIPTION, ENTITY, "A-1").orElseThrow());
        List<Store.OutboundFailure> kept = store.outboundQuarantine(SUBSCRIPTION, ENTITY);
        assertEquals(
                List.of("A-3", "bad-2"),
                kept.stream().map(Store.OutboundFailure::key).toList());
        assertEquals("MAPPING", kept.get(0).errorKind());
        assertEquals(Map.of("number", "A-3"), kept.get(0).record(), "kept as given, to be pushed again");
        assertEquals("DATA", kept.get(1).errorKind());
    }

    @Test
    void theWriterIsToldWhichRecordsNoWriterEverSaw() {
        RecordingWriter writer = new RecordingWriter();
        runner().push(List.of(order("A-1"), order("A-1"), order("bad-2")), writer, r -> {});
        List<OutboundRecord> first = writer.calls.get(0);
        assertTrue(first.get(0).firstAttempt());
        assertFalse(first.get(1).firstAttempt(), "the same key again in one push is a repeat");
        assertTrue(first.get(2).firstAttempt());
        runner().push(List.of(order("A-1"), order("bad-2"), order("A-4")), writer, r -> {});
        List<OutboundRecord> second = writer.calls.get(1);
        assertFalse(second.get(0).firstAttempt(), "pushed before");
        assertFalse(second.get(1).firstAttempt(), "quarantined before");
        assertTrue(second.get(2).firstAttempt());
        assertEquals(Optional.of("W/\"1\""), second.get(0).expectedVersion(), "the version last written is expected");
    }

    @Test
    void aWriterThatNeverAnsweredLeavesItsRecordsMarkedSoTheNextPushIsARepeat() {
        EntityWriter crashing = records -> {
            throw new IllegalStateException("killed mid-write");
        };
        assertThrows(IllegalStateException.class, () -> runner().push(List.of(order("A-1")), crashing, r -> {}));
        RecordingWriter writer = new RecordingWriter();
        runner().push(List.of(order("A-1")), writer, r -> {});
        assertFalse(writer.calls.get(0).get(0).firstAttempt());
        assertTrue(store.outboundQuarantine(SUBSCRIPTION, ENTITY).isEmpty());
    }

    @Test
    void aPassingFailureWaitsOnTheOutboxScheduleAndIsQuarantinedAfterItsLastAttempt() {
        RecordingWriter writer = new RecordingWriter();
        long before = System.currentTimeMillis();
        runner().push(List.of(order("busy-1")), writer, r -> {});
        Store.OutboundFailure waiting =
                store.outboundQuarantine(SUBSCRIPTION, ENTITY).get(0);
        assertEquals("waiting", waiting.status());
        long next = waiting.nextAttemptAt().orElseThrow().toEpochMilli();
        assertTrue(next >= before + 60_000 && next <= System.currentTimeMillis() + 60_000, "a minute later");
        assertTrue(store.dueOutbound(SUBSCRIPTION, java.time.Instant.now()).isEmpty(), "not due yet");
        assertEquals(
                List.of(order("busy-1")),
                store.dueOutbound(SUBSCRIPTION, java.time.Instant.now().plusSeconds(61))
                        .get(ENTITY));
        for (int attempt = 2; attempt <= 5; attempt++) {
            runner().push(List.of(order("busy-1")), writer, r -> {});
            assertEquals(
                    "waiting",
                    store.outboundQuarantine(SUBSCRIPTION, ENTITY).get(0).status(),
                    "attempt " + attempt);
        }
        runner().push(List.of(order("busy-1")), writer, r -> {});
        Store.OutboundFailure last =
                store.outboundQuarantine(SUBSCRIPTION, ENTITY).get(0);
        assertEquals("quarantined", last.status(), "after the fifth waiting attempt");
        assertEquals(6, last.attempts());
        assertTrue(store.dueOutbound(SUBSCRIPTION, java.time.Instant.now().plus(java.time.Duration.ofDays(2)))
                .isEmpty());
    }

    @Test
    void aDryRunMapsAndChecksAndStoresNothing() {
        RecordingWriter writer = new RecordingWriter();
        List<PushRunner.Result> results = runner().dryRun(List.of(order("A-1"), order("bad-2")), writer);
        assertTrue(results.get(0).succeeded());
        assertEquals(
                "would be refused",
                results.get(1).connectorFailure().orElseThrow().getMessage());
        assertTrue(writer.calls.isEmpty());
        assertTrue(store.pushLink(SUBSCRIPTION, ENTITY, "A-1").isEmpty());
        assertTrue(store.seenByWriter(SUBSCRIPTION, ENTITY, List.of("A-1", "bad-2"))
                .isEmpty());
    }
}
