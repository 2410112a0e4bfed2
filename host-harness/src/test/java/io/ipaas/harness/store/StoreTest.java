package io.ipaas.harness.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ipaas.connector.api.poll.Checkpoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store's behaviour on its SQLite file; {@link PostgresStoreTest} runs every case on PostgreSQL too. */
class StoreTest {
    @TempDir
    Path home;

    /** The store under test, the same one each time a case opens it again. */
    Store open() {
        return Store.open(home);
    }

    /** Whether the store is the SQLite file (cases about its file and pragmas run only then). */
    boolean isFile() {
        return true;
    }

    static List<RecordRow> rows(int from, int count, String tag) {
        List<RecordRow> rows = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            rows.add(RecordRow.of("k" + i, Map.of("sku", "SKU-" + i, "tag", tag)));
        }
        return rows;
    }

    @Test
    void theStoreFileAndItsWalAreOwnerOnly() throws Exception {
        assumeTrue(isFile(), "a server's store has no file");
        try (Store store = open()) {
            StoredCollection things = store.collection("sub-1", "things", "things", "product");
            store.inTransaction(tx -> tx.upsertRecords(things, rows(0, 10, "a")));
            for (String suffix : List.of("", "-wal", "-shm")) {
                Path file = home.resolve(Store.FILE_NAME + suffix);
                assertTrue(Files.exists(file), file + " exists while the store is open");
                assertEquals(
                        "rw-------",
                        PosixFilePermissions.toString(Files.getPosixFilePermissions(file)),
                        file + " is owner-only");
            }
        }
    }

    @Test
    void aFileLeftReadableByOthersIsTightenedOnOpen() throws Exception {
        assumeTrue(isFile(), "a server's store has no file");
        open().close();
        Path file = home.resolve(Store.FILE_NAME);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        open().close();
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }

    @Test
    void theSchemaIsMigratedOnceAndTheDataSurvivesReopening() throws Exception {
        try (Store store = open()) {
            store.save(new Subscription("sub-1", "fake", "one", Map.of("a", 1), "ACTIVE", Instant.ofEpochMilli(5)));
        }
        try (Store store = open()) {
            Subscription again = store.subscription("sub-1").orElseThrow();
            assertEquals(Map.of("a", 1), again.settings());
            assertEquals(Instant.ofEpochMilli(5), again.createdAt());
        }
        if (!isFile()) {
            return;
        }
        try (Connection sqlite = DriverManager.getConnection("jdbc:sqlite:" + home.resolve(Store.FILE_NAME));
                Statement statement = sqlite.createStatement();
                ResultSet rows = statement.executeQuery(
                        "SELECT version, success FROM flyway_schema_history WHERE version IS NOT NULL"
                                + " ORDER BY installed_rank")) {
            for (String version : new String[] {"1", "2", "3", "4", "5"}) {
                assertTrue(rows.next(), "migration " + version);
                assertEquals(version, rows.getString(1));
                assertTrue(rows.getBoolean(2));
            }
            assertFalse(rows.next(), "each migration applied once");
        }
        try (Connection sqlite = DriverManager.getConnection("jdbc:sqlite:" + home.resolve(Store.FILE_NAME));
                Statement statement = sqlite.createStatement();
                ResultSet mode = statement.executeQuery("PRAGMA journal_mode")) {
            mode.next();
            assertEquals("wal", mode.getString(1));
        }
    }

    @Test
    void aStatusChangesOnlyFromTheStatusItWasIn() {
        try (Store store = open()) {
            store.save(new Subscription("sub-1", "fake", "one", Map.of(), "ACTIVE", Instant.ofEpochMilli(5)));
            assertTrue(store.changeStatus("sub-1", "ACTIVE", "PAUSED"));
            assertFalse(store.changeStatus("sub-1", "ACTIVE", "PAUSED"), "already paused");
            assertEquals("PAUSED", store.subscription("sub-1").orElseThrow().status());
            assertFalse(store.changeStatus("sub-2", "PAUSED", "ACTIVE"), "no such subscription");
        }
    }

    @Test
    void recordsAndTheCheckpointCommitTogetherOrNotAtAll() {
        try (Store store = open()) {
            StoredCollection things = store.collection("sub-1", "things", "things", "product");
            store.inTransaction(tx -> {
                tx.upsertRecords(things, rows(0, 250, "first"));
                tx.commitCheckpoint("sub-1", "things", new Checkpoint(1, Map.of("page", 1)));
            });
            RuntimeException failure = new IllegalStateException("the host died mid-batch");
            assertThrows(
                    IllegalStateException.class,
                    () -> store.inTransaction(tx -> {
                        tx.upsertRecords(things, rows(250, 250, "second"));
                        tx.commitCheckpoint("sub-1", "things", new Checkpoint(1, Map.of("page", 2)));
                        throw failure;
                    }));
            assertEquals(
                    250,
                    store.count("records", "sub-1", "things"),
                    "the first batch of 250 landed whole, the second not at all");
            assertEquals(
                    1,
                    ((Number) store.checkpoint("sub-1", "things")
                                    .orElseThrow()
                                    .values()
                                    .get("page"))
                            .intValue());
        }
    }

    @Test
    void upsertsReplaceByKeyAndDeletesAndReleasesTouchOnlyTheirKeys() throws SQLException {
        try (Store store = open()) {
            StoredCollection things = store.collection("sub-1", "things", "things", "product");
            StoredCollection others = store.collection("sub-1", "others", "things", "product");
            store.inTransaction(tx -> {
                tx.upsertRecords(things, rows(0, 5, "old"));
                tx.upsertRecords(others, rows(0, 5, "old"));
                tx.quarantine("sub-1", "things", "k7", "things", "bad", Map.of("id", "k7"));
                tx.quarantine("sub-1", "things", "k8", "things", "bad", Map.of("id", "k8"));
            });
            store.inTransaction(tx -> {
                tx.upsertRecords(things, rows(3, 4, "new"));
                tx.deleteRecords(things, List.of("k0", "k1"));
                tx.release("sub-1", "things", List.of("k7", "k9"));
            });
            List<StoredRecord> records = store.records("sub-1", "things", 100);
            assertEquals(
                    List.of("k2:old", "k3:new", "k4:new", "k5:new", "k6:new"),
                    records.stream()
                            .filter(r -> r.collection().equals("things"))
                            .map(r -> r.key() + ":" + r.fields().get("tag"))
                            .toList());
            assertEquals(
                    5,
                    records.stream()
                            .filter(r -> r.collection().equals("others"))
                            .count());
            assertEquals(List.of("k8: bad"), store.quarantined("sub-1", "things"));
            assertEquals(
                    things.id(),
                    store.collection("sub-1", "things", "things", "product").id(),
                    "ids are stable");
        }
    }

    @Test
    void fieldsAreStoredAsUtf8TextAndReadBackUnchanged() throws SQLException {
        String text = "Fahrrad \"Schnell\" \u00e9\u20ac \u4e2d\u6587 \ud83d\udeb2";
        try (Store store = open()) {
            StoredCollection things = store.collection("sub-1", "things", "things", "product");
            store.inTransaction(tx -> tx.upsertRecords(things, List.of(RecordRow.of("k\u00f8", Map.of("name", text)))));
            StoredRecord record = store.records("sub-1", "things", 1).get(0);
            assertEquals("k\u00f8", record.key());
            assertEquals(text, record.fields().get("name"));
        }
        if (!isFile()) {
            return;
        }
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + home.resolve("store.db"));
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT typeof(fields), json_valid(fields) FROM records")) {
            assertTrue(row.next());
            // TEXT, not a BLOB: SQLite's JSON functions would read a BLOB as its binary JSONB format
            assertEquals("text", row.getString(1));
            assertEquals(1, row.getInt(2));
        }
    }

    @Test
    void aKeyRepeatedInOneCallKeepsItsLastRow() throws SQLException {
        try (Store store = open()) {
            StoredCollection things = store.collection("sub-1", "things", "things", "product");
            List<RecordRow> rows = new ArrayList<>();
            for (String tag : List.of("first", "second", "third")) {
                rows.addAll(rows(0, 3, tag));
            }
            rows.add(RecordRow.of("k1", Map.of("tag", "last")));
            store.inTransaction(tx -> tx.upsertRecords(things, rows));
            assertEquals(
                    List.of("k0:third", "k1:last", "k2:third"),
                    store.records("sub-1", "things", 100).stream()
                            .map(r -> r.key() + ":" + r.fields().get("tag"))
                            .toList());
        }
    }

    @Test
    void compareAndSetStateCreatesOnceAndUpdatesOnlyTheExpectedVersion() {
        try (Store store = open()) {
            assertTrue(store.compareAndSetState("sub-1", "k", 0, Map.of("v", 1)));
            assertFalse(store.compareAndSetState("sub-1", "k", 0, Map.of("v", 2)), "already exists");
            assertTrue(store.compareAndSetState("sub-1", "k", 1, Map.of("v", 3)));
            assertFalse(store.compareAndSetState("sub-1", "k", 1, Map.of("v", 4)), "stale version");
            assertEquals(
                    Map.entry(Map.<String, Object>of("v", 3), 2L),
                    store.state("sub-1", "k").orElseThrow());
        }
    }

    @Test
    void resetForgetsOnlyThatEntitysCheckpoint() {
        try (Store store = open()) {
            store.inTransaction(tx -> {
                tx.commitCheckpoint("sub-1", "items", new Checkpoint(1, Map.of("w", "a")));
                tx.commitCheckpoint("sub-1", "customers", new Checkpoint(1, Map.of("w", "b")));
            });
            assertTrue(store.resetCheckpoint("sub-1", "items"));
            assertFalse(store.resetCheckpoint("sub-1", "items"), "nothing left to forget");
            assertTrue(store.checkpoint("sub-1", "items").isEmpty());
            assertTrue(store.checkpoint("sub-1", "customers").isPresent());
        }
    }
}
