package io.ipaas.harness.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every case of {@link StoreTest} on a real PostgreSQL server, a fresh database per case; and what only it has. */
class PostgresStoreTest extends StoreTest {
    private String url;

    @BeforeEach
    void database() {
        url = PostgresServer.shared().newDatabase();
    }

    @Override
    Store open() {
        return Store.openPostgres(url, Optional.empty());
    }

    @Override
    boolean isFile() {
        return false;
    }

    @Test
    void theSchemaIsItsOwnMigrationsAndBigTimesFit() throws Exception {
        try (Store store = open()) {
            store.inTransaction(tx -> tx.commitCheckpoint(
                    "sub-1", "items", new io.ipaas.connector.api.poll.Checkpoint(1, java.util.Map.of("w", "a"))));
        }
        try (Connection connection = DriverManager.getConnection(url);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(
                        "SELECT version, success FROM flyway_schema_history WHERE version IS NOT NULL"
                                + " ORDER BY installed_rank")) {
            for (String version : new String[] {"1", "2"}) {
                assertTrue(rows.next(), "migration " + version);
                assertEquals(version, rows.getString(1));
                assertTrue(rows.getBoolean(2));
            }
            assertFalse(rows.next());
        }
        try (Connection connection = DriverManager.getConnection(url);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT committed_at FROM checkpoints")) {
            assertTrue(rows.next());
            // epoch milliseconds: a 32-bit INTEGER column would have refused them
            assertTrue(rows.getLong(1) > Integer.MAX_VALUE);
        }
    }

    @Test
    void aWrongUrlOrServerSaysWhatToCheckWithoutThePassword() {
        String unreachable = "jdbc:postgresql://127.0.0.1:1/none?user=ipaas&password=hunter2";
        StoreException e = assertThrows(StoreException.class, () -> Store.openPostgres(unreachable, Optional.empty()));
        assertTrue(e.getMessage().contains("password=***"), e.getMessage());
        assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
        assertTrue(e.getMessage().contains(Store.PASSWORD_VARIABLE), e.getMessage());
        StoreException notPostgres = assertThrows(
                StoreException.class,
                () -> Store.open(java.nio.file.Path.of("."), Optional.of("jdbc:mysql://x/y"), Optional.empty()));
        assertTrue(notPostgres.getMessage().startsWith("--store takes a PostgreSQL URL"), notPostgres.getMessage());
    }
}
