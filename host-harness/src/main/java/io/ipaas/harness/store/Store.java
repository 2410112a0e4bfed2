package io.ipaas.harness.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.ipaas.connector.api.poll.Checkpoint;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The harness's durable store: one embedded H2 file in the home folder. Every write that must be atomic with
 * another (records and their checkpoint) goes through {@link #inTransaction}.
 */
public final class Store implements AutoCloseable {
    static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

    private final Connection connection;

    private Store(Connection connection) {
        this.connection = connection;
    }

    public static Store open(Path home) {
        try {
            Connection connection = DriverManager.getConnection(
                    "jdbc:h2:file:" + home.toAbsolutePath().resolve("store")
                            + ";AUTO_SERVER=FALSE;DB_CLOSE_ON_EXIT=FALSE",
                    "harness",
                    "");
            Store store = new Store(connection);
            store.createSchema();
            return store;
        } catch (SQLException e) {
            throw new StoreException(
                    "cannot open the store in " + home + " (" + e.getMessage()
                            + "); is another harness using this --home?",
                    e);
        }
    }

    private void createSchema() throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(
                    "CREATE TABLE IF NOT EXISTS subscriptions (id VARCHAR(40) PRIMARY KEY, plugin_id VARCHAR(100) NOT NULL,"
                            + " name VARCHAR(200) NOT NULL, settings CLOB NOT NULL, status VARCHAR(20) NOT NULL, created_at TIMESTAMP NOT NULL,"
                            + " CONSTRAINT subscription_name UNIQUE (plugin_id, name))");
            statement.execute(
                    "CREATE TABLE IF NOT EXISTS secrets (subscription_id VARCHAR(40), secret_name VARCHAR(200),"
                            + " sealed VARBINARY(65536) NOT NULL, PRIMARY KEY (subscription_id, secret_name))");
            statement.execute(
                    "CREATE TABLE IF NOT EXISTS connector_state (subscription_id VARCHAR(40), state_key VARCHAR(500),"
                            + " state_value CLOB NOT NULL, version BIGINT NOT NULL, PRIMARY KEY (subscription_id, state_key))");
            statement.execute(
                    "CREATE TABLE IF NOT EXISTS mapping_documents (subscription_id VARCHAR(40), document_name VARCHAR(200),"
                            + " document CLOB NOT NULL, PRIMARY KEY (subscription_id, document_name))");
            statement.execute(
                    "CREATE TABLE IF NOT EXISTS checkpoints (subscription_id VARCHAR(40), entity VARCHAR(200),"
                            + " format INT NOT NULL, checkpoint CLOB NOT NULL, committed_at TIMESTAMP NOT NULL, PRIMARY KEY (subscription_id, entity))");
            statement.execute(
                    "CREATE TABLE IF NOT EXISTS records (subscription_id VARCHAR(40), collection VARCHAR(200),"
                            + " record_key VARCHAR(500), entity VARCHAR(200) NOT NULL, target VARCHAR(200) NOT NULL, fields CLOB NOT NULL,"
                            + " updated_at TIMESTAMP NOT NULL, PRIMARY KEY (subscription_id, collection, record_key))");
            statement.execute(
                    "CREATE TABLE IF NOT EXISTS auth_attempts (state VARCHAR(100) PRIMARY KEY, subscription_id VARCHAR(40)"
                            + " NOT NULL, verifier VARBINARY(1024) NOT NULL, redirect_uri VARCHAR(1000) NOT NULL, expires_at TIMESTAMP NOT NULL,"
                            + " used BOOLEAN NOT NULL)");
            statement.execute("CREATE TABLE IF NOT EXISTS quarantine (subscription_id VARCHAR(40), entity VARCHAR(200),"
                    + " record_key VARCHAR(500), collection VARCHAR(200), message CLOB NOT NULL, raw CLOB NOT NULL,"
                    + " quarantined_at TIMESTAMP NOT NULL, PRIMARY KEY (subscription_id, entity, record_key))");
        }
    }

    // --- subscriptions ---------------------------------------------------------------------------------

    public synchronized Optional<Subscription> subscription(String id) {
        return querySubscription("SELECT * FROM subscriptions WHERE id = ?", id);
    }

    public synchronized Optional<Subscription> subscription(String pluginId, String name) {
        return querySubscription("SELECT * FROM subscriptions WHERE plugin_id = ? AND name = ?", pluginId, name);
    }

    public synchronized List<Subscription> subscriptions() {
        List<Subscription> all = new ArrayList<>();
        try (PreparedStatement statement =
                        connection.prepareStatement("SELECT * FROM subscriptions ORDER BY created_at");
                ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                all.add(subscription(rows));
            }
            return all;
        } catch (SQLException e) {
            throw new StoreException("cannot read subscriptions", e);
        }
    }

    public synchronized void save(Subscription subscription) {
        update(
                "MERGE INTO subscriptions (id, plugin_id, name, settings, status, created_at) KEY (id) VALUES (?, ?, ?, ?, ?, ?)",
                subscription.id(),
                subscription.pluginId(),
                subscription.name(),
                json(subscription.settings()),
                subscription.status(),
                Timestamp.from(subscription.createdAt()));
    }

    public synchronized void setStatus(String subscriptionId, String status) {
        update("UPDATE subscriptions SET status = ? WHERE id = ?", status, subscriptionId);
    }

    private Optional<Subscription> querySubscription(String sql, Object... parameters) {
        try (PreparedStatement statement = prepare(sql, parameters);
                ResultSet rows = statement.executeQuery()) {
            return rows.next() ? Optional.of(subscription(rows)) : Optional.empty();
        } catch (SQLException e) {
            throw new StoreException("cannot read subscriptions", e);
        }
    }

    private static Subscription subscription(ResultSet rows) throws SQLException {
        return new Subscription(
                rows.getString("id"),
                rows.getString("plugin_id"),
                rows.getString("name"),
                map(rows.getString("settings")),
                rows.getString("status"),
                rows.getTimestamp("created_at").toInstant());
    }

    // --- secrets (already sealed by the caller) ----------------------------------------------------------

    public synchronized void putSecret(String subscriptionId, String name, byte[] sealed) {
        update(
                "MERGE INTO secrets (subscription_id, secret_name, sealed) KEY (subscription_id, secret_name) VALUES (?, ?, ?)",
                subscriptionId,
                name,
                sealed);
    }

    public synchronized Optional<byte[]> secret(String subscriptionId, String name) {
        try (PreparedStatement statement = prepare(
                        "SELECT sealed FROM secrets WHERE subscription_id = ? AND secret_name = ?",
                        subscriptionId,
                        name);
                ResultSet rows = statement.executeQuery()) {
            return rows.next() ? Optional.of(rows.getBytes(1)) : Optional.empty();
        } catch (SQLException e) {
            throw new StoreException("cannot read secrets", e);
        }
    }

    public synchronized List<String> secretNames(String subscriptionId) {
        return strings(
                "SELECT secret_name FROM secrets WHERE subscription_id = ? ORDER BY secret_name", subscriptionId);
    }

    /** Every id that holds sealed secrets: subscriptions, and ids of subscribe checks that never became one. */
    public synchronized List<String> secretOwners() {
        return strings("SELECT DISTINCT subscription_id FROM secrets ORDER BY subscription_id");
    }

    public synchronized void deleteSecret(String subscriptionId, String name) {
        update("DELETE FROM secrets WHERE subscription_id = ? AND secret_name = ?", subscriptionId, name);
    }

    // --- interactive sign-in attempts ---------------------------------------------------------------------

    /** A started sign-in: its PKCE verifier (sealed), redirect URI and expiry. */
    public record AuthAttempt(
            String state,
            String subscriptionId,
            byte[] sealedVerifier,
            String redirectUri,
            Instant expiresAt,
            boolean used) {}

    public synchronized void saveAuthAttempt(AuthAttempt attempt) {
        update(
                "INSERT INTO auth_attempts (state, subscription_id, verifier, redirect_uri, expires_at, used) VALUES (?, ?, ?, ?, ?, ?)",
                attempt.state(),
                attempt.subscriptionId(),
                attempt.sealedVerifier(),
                attempt.redirectUri(),
                Timestamp.from(attempt.expiresAt()),
                attempt.used());
    }

    public synchronized Optional<AuthAttempt> authAttempt(String state) {
        try (PreparedStatement statement = prepare("SELECT * FROM auth_attempts WHERE state = ?", state);
                ResultSet rows = statement.executeQuery()) {
            return rows.next()
                    ? Optional.of(new AuthAttempt(
                            rows.getString("state"),
                            rows.getString("subscription_id"),
                            rows.getBytes("verifier"),
                            rows.getString("redirect_uri"),
                            rows.getTimestamp("expires_at").toInstant(),
                            rows.getBoolean("used")))
                    : Optional.empty();
        } catch (SQLException e) {
            throw new StoreException("cannot read sign-in attempts", e);
        }
    }

    /** Marks an attempt used; false when it already was, so a state value works exactly once. */
    public synchronized boolean useAuthAttempt(String state) {
        return update("UPDATE auth_attempts SET used = TRUE WHERE state = ? AND used = FALSE", state) == 1;
    }

    // --- connector state ---------------------------------------------------------------------------------

    public synchronized Optional<Map.Entry<Map<String, Object>, Long>> state(String subscriptionId, String key) {
        try (PreparedStatement statement = prepare(
                        "SELECT state_value, version FROM connector_state WHERE subscription_id = ? "
                                + "AND state_key = ?",
                        subscriptionId,
                        key);
                ResultSet rows = statement.executeQuery()) {
            return rows.next() ? Optional.of(Map.entry(map(rows.getString(1)), rows.getLong(2))) : Optional.empty();
        } catch (SQLException e) {
            throw new StoreException("cannot read connector state", e);
        }
    }

    public synchronized boolean compareAndSetState(
            String subscriptionId, String key, long expected, Map<String, Object> value) {
        if (expected == 0) {
            try (PreparedStatement statement = prepare(
                    "INSERT INTO connector_state (subscription_id, state_key, state_value, version)"
                            + " VALUES (?, ?, ?, 1)",
                    subscriptionId,
                    key,
                    json(value))) {
                return statement.executeUpdate() == 1;
            } catch (SQLException duplicate) {
                return false;
            }
        }
        return update(
                        "UPDATE connector_state SET state_value = ?, version = version + 1 WHERE subscription_id = ? AND state_key = ?"
                                + " AND version = ?",
                        json(value),
                        subscriptionId,
                        key,
                        expected)
                == 1;
    }

    public synchronized void deleteState(String subscriptionId, String key) {
        update("DELETE FROM connector_state WHERE subscription_id = ? AND state_key = ?", subscriptionId, key);
    }

    // --- mappings ----------------------------------------------------------------------------------------

    public synchronized void saveMappingDocument(String subscriptionId, String name, String document) {
        update(
                "MERGE INTO mapping_documents (subscription_id, document_name, document) KEY (subscription_id, document_name) "
                        + "VALUES (?, ?, ?)",
                subscriptionId,
                name,
                document);
    }

    public synchronized Map<String, String> mappingDocuments(String subscriptionId) {
        Map<String, String> documents = new LinkedHashMap<>();
        try (PreparedStatement statement = prepare(
                        "SELECT document_name, document FROM mapping_documents WHERE subscription_id = ?"
                                + " ORDER BY document_name",
                        subscriptionId);
                ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                documents.put(rows.getString(1), rows.getString(2));
            }
            return documents;
        } catch (SQLException e) {
            throw new StoreException("cannot read mappings", e);
        }
    }

    // --- checkpoints, records, quarantine ------------------------------------------------------------------

    public synchronized Optional<Checkpoint> checkpoint(String subscriptionId, String entity) {
        try (PreparedStatement statement = prepare(
                        "SELECT format, checkpoint FROM checkpoints WHERE subscription_id = ? AND entity = ?",
                        subscriptionId,
                        entity);
                ResultSet rows = statement.executeQuery()) {
            return rows.next() ? Optional.of(new Checkpoint(rows.getInt(1), map(rows.getString(2)))) : Optional.empty();
        } catch (SQLException e) {
            throw new StoreException("cannot read checkpoints", e);
        }
    }

    public synchronized void resetCheckpoint(String subscriptionId, String entity) {
        update("DELETE FROM checkpoints WHERE subscription_id = ? AND entity = ?", subscriptionId, entity);
    }

    /** Runs the work in one transaction: all of it is durable when this returns, or none of it. */
    public synchronized void inTransaction(TransactionWork work) {
        try {
            connection.setAutoCommit(false);
            try {
                work.run(new Transaction(connection));
                connection.commit();
            } catch (RuntimeException | SQLException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StoreException("the store refused a write (" + e.getMessage() + ")", e);
        }
    }

    /** Work done inside {@link #inTransaction}. */
    public interface TransactionWork {
        void run(Transaction transaction) throws SQLException;
    }

    /** The writes allowed inside a transaction. */
    public static final class Transaction {
        private final Connection connection;

        private Transaction(Connection connection) {
            this.connection = connection;
        }

        public void upsertRecord(
                String subscriptionId,
                String collection,
                String key,
                String entity,
                String target,
                Map<String, Object> fields)
                throws SQLException {
            try (PreparedStatement statement =
                    connection.prepareStatement("MERGE INTO records (subscription_id, collection,"
                            + " record_key, entity, target, fields, updated_at) KEY (subscription_id, collection, record_key)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                bind(
                        statement,
                        subscriptionId,
                        collection,
                        key,
                        entity,
                        target,
                        json(fields),
                        Timestamp.from(Instant.now()));
                statement.executeUpdate();
            }
        }

        public void quarantine(
                String subscriptionId,
                String entity,
                String key,
                String collection,
                String message,
                Map<String, Object> raw)
                throws SQLException {
            try (PreparedStatement statement =
                    connection.prepareStatement("MERGE INTO quarantine (subscription_id, entity,"
                            + " record_key, collection, message, raw, quarantined_at) KEY (subscription_id, entity, record_key)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                bind(
                        statement,
                        subscriptionId,
                        entity,
                        key,
                        collection,
                        message,
                        json(raw),
                        Timestamp.from(Instant.now()));
                statement.executeUpdate();
            }
        }

        public void deleteRecord(String subscriptionId, String collection, String key) throws SQLException {
            try (PreparedStatement statement = connection.prepareStatement(
                    "DELETE FROM records WHERE subscription_id = ?" + " AND collection = ? AND record_key = ?")) {
                bind(statement, subscriptionId, collection, key);
                statement.executeUpdate();
            }
        }

        /** A record that now maps cleanly leaves quarantine. */
        public void release(String subscriptionId, String entity, String key) throws SQLException {
            try (PreparedStatement statement = connection.prepareStatement(
                    "DELETE FROM quarantine WHERE subscription_id = ?" + " AND entity = ? AND record_key = ?")) {
                bind(statement, subscriptionId, entity, key);
                statement.executeUpdate();
            }
        }

        public void commitCheckpoint(String subscriptionId, String entity, Checkpoint checkpoint) throws SQLException {
            try (PreparedStatement statement = connection.prepareStatement(
                    "MERGE INTO checkpoints (subscription_id, entity,"
                            + " format, checkpoint, committed_at) KEY (subscription_id, entity) VALUES (?, ?, ?, ?, ?)")) {
                bind(
                        statement,
                        subscriptionId,
                        entity,
                        checkpoint.format(),
                        json(checkpoint.values()),
                        Timestamp.from(Instant.now()));
                statement.executeUpdate();
            }
        }
    }

    public synchronized List<StoredRecord> records(String subscriptionId, String entity, int limit) {
        List<StoredRecord> records = new ArrayList<>();
        try (PreparedStatement statement = prepare(
                        "SELECT collection, record_key, target, fields FROM records WHERE subscription_id = ?"
                                + " AND entity = ? ORDER BY collection, record_key LIMIT ?",
                        subscriptionId,
                        entity,
                        limit);
                ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                records.add(new StoredRecord(
                        rows.getString(1), rows.getString(2), rows.getString(3), map(rows.getString(4))));
            }
            return records;
        } catch (SQLException e) {
            throw new StoreException("cannot read records", e);
        }
    }

    public synchronized long count(String table, String subscriptionId, String entity) {
        if (!table.equals("records") && !table.equals("quarantine")) {
            throw new IllegalArgumentException(table);
        }
        try (PreparedStatement statement = prepare(
                        "SELECT COUNT(*) FROM " + table + " WHERE subscription_id = ? AND entity = ?",
                        subscriptionId,
                        entity);
                ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new StoreException("cannot count " + table, e);
        }
    }

    public synchronized List<String> quarantined(String subscriptionId, String entity) {
        return strings(
                "SELECT record_key || ': ' || message FROM quarantine WHERE subscription_id = ? AND entity = ? ORDER BY record_key",
                subscriptionId,
                entity);
    }

    @Override
    public synchronized void close() {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // closing on the way out; nothing left to save
        }
    }

    // --- helpers -------------------------------------------------------------------------------------------

    private List<String> strings(String sql, Object... parameters) {
        List<String> values = new ArrayList<>();
        try (PreparedStatement statement = prepare(sql, parameters);
                ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            return values;
        } catch (SQLException e) {
            throw new StoreException("cannot read the store", e);
        }
    }

    private int update(String sql, Object... parameters) {
        try (PreparedStatement statement = prepare(sql, parameters)) {
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("the store refused a write (" + e.getMessage() + ")", e);
        }
    }

    private PreparedStatement prepare(String sql, Object... parameters) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        bind(statement, parameters);
        return statement;
    }

    private static void bind(PreparedStatement statement, Object... parameters) throws SQLException {
        for (int i = 0; i < parameters.length; i++) {
            statement.setObject(i + 1, parameters[i]);
        }
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new StoreException("cannot serialise a value for the store", e);
        }
    }

    static Map<String, Object> map(String json) {
        try {
            return JSON.readValue(json, MAP);
        } catch (JsonProcessingException e) {
            throw new StoreException("the store holds damaged JSON", e);
        }
    }
}
