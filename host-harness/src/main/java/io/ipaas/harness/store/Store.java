package io.ipaas.harness.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.ipaas.connector.api.poll.Checkpoint;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;

/**
 * The harness's durable store: one SQLite file ({@value #FILE_NAME}) in the home folder, in WAL mode with full
 * sync, its schema kept by Flyway migrations. Every write that must be atomic with another (records and their
 * checkpoint) goes through {@link #inTransaction}: a crash at any point, {@code kill -9} included, leaves either
 * all of a transaction or none of it.
 */
public final class Store implements AutoCloseable {
    public static final String FILE_NAME = "store.db";
    /**
     * Larger than SQLite's 4 KiB default: fewer, fuller pages for rows of a few hundred bytes (measured on a million
     * upserts of 440-byte rows in key batches of 20,000: 8.7 µs of CPU per row at 4 KiB, 6.5 at 16 KiB, 5.7 at
     * 32 KiB, no better at 64 KiB; the file 3% smaller). Takes effect when the file is created.
     */
    static final int PAGE_SIZE = 32_768;
    /**
     * Page cache per connection, in KiB (native memory, not heap, taken as pages are used): holds the key index of
     * about a million records and a large transaction's dirty pages, which would otherwise spill to the WAL and be
     * written again at the commit.
     */
    private static final int CACHE_KIB = 65_536;
    /** After a checkpoint the -wal file is cut back to this size instead of staying at its largest. */
    private static final int WAL_LIMIT_BYTES = 32 * 1024 * 1024;

    static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final Logger LOG = LoggerFactory.getLogger(Store.class);
    private static final String UPSERT_RECORD = "INSERT INTO records (collection_id, record_key, fields, updated_at)"
            // the fields come as UTF-8 bytes; the cast stores them as the TEXT they are, without converting them
            + " VALUES (?, ?, CAST(? AS TEXT), ?) ON CONFLICT (collection_id, record_key) DO UPDATE SET fields = excluded.fields,"
            + " updated_at = excluded.updated_at";
    /** How long a write waits for another harness on the same home before it says so. */
    private static final int BUSY_TIMEOUT_MS = 10_000;

    /** The environment variable that holds the password of a PostgreSQL store, so it is never on a command line. */
    public static final String PASSWORD_VARIABLE = "IPAAS_STORE_PASSWORD";

    private final String where;
    private final Dialect dialect;
    private final Connection connection;
    private final StatementCache statements;

    private Store(String where, Dialect dialect, Connection connection) {
        this.where = where;
        this.dialect = dialect;
        this.connection = connection;
        this.statements = new StatementCache(connection, dialect);
    }

    /**
     * Opens the store a command names: the SQLite file in {@code home}, or the PostgreSQL database of a {@code
     * jdbc:postgresql:} URL (its password from {@value #PASSWORD_VARIABLE} when the URL has none).
     */
    public static Store open(Path home, Optional<String> url, Optional<String> password) {
        if (url.isEmpty()) {
            return open(home);
        }
        if (!url.get().startsWith("jdbc:postgresql:")) {
            throw new StoreException(
                    "--store takes a PostgreSQL URL such as jdbc:postgresql://db.example:5432/ipaas?user=ipaas, got '"
                            + url.get() + "'; leave it out for the store file in --home",
                    null);
        }
        return openPostgres(url.get(), password);
    }

    /** Opens (creating the tables as needed) a store in a PostgreSQL database that several harnesses may share. */
    public static Store openPostgres(String url, Optional<String> password) {
        String shown = withoutPassword(url);
        try {
            java.util.Properties properties = new java.util.Properties();
            password.ifPresent(p -> properties.setProperty("password", p));
            Flyway.configure(Store.class.getClassLoader())
                    .dataSource(url, null, password.orElse(null))
                    .locations(Dialect.POSTGRESQL.migrations())
                    .load()
                    .migrate();
            Connection connection = new org.postgresql.Driver().connect(url, properties);
            if (connection == null) {
                throw new SQLException("the PostgreSQL driver does not take the URL");
            }
            return new Store(shown, Dialect.POSTGRESQL, connection);
        } catch (SQLException | FlywayException e) {
            throw new StoreException(
                    "cannot open the store " + shown + " (" + firstLineOfCause(e) + "); check the URL, that the server"
                            + " runs, and the password in " + PASSWORD_VARIABLE,
                    e);
        }
    }

    /** The driver's own words, one line: Flyway wraps them in a multi-line report. */
    private static String firstLineOfCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = String.valueOf(cause.getMessage()).strip();
        int end = message.indexOf('\n');
        return withoutPassword(end < 0 ? message : message.substring(0, end).strip());
    }

    /** The URL as it may be shown: a password given in it is masked. */
    static String withoutPassword(String url) {
        return url.replaceAll("(?i)(password=)[^&]*", "$1***");
    }

    /** Opens (creating and migrating as needed) the store in {@code home}. */
    public static Store open(Path home) {
        Path file = home.toAbsolutePath().resolve(FILE_NAME);
        String url = "jdbc:sqlite:" + file;
        try {
            createOwnerOnly(file);
            if (Files.exists(home.resolve("store.mv.db"))) {
                LOG.warn("{} also holds an H2 store (store.mv.db) of an older harness; it is not read any more", home);
            }
            migrate(url);
            SQLiteConfig config = new SQLiteConfig();
            config.setJournalMode(SQLiteConfig.JournalMode.WAL);
            // FULL: a commit is on disk when it returns, so an acknowledged checkpoint survives a power cut too
            config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
            config.setBusyTimeout(BUSY_TIMEOUT_MS);
            // take the write lock when a transaction starts, so two harnesses queue instead of failing mid-batch
            config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
            config.enforceForeignKeys(true);
            config.setCacheSize(-CACHE_KIB);
            config.setJournalSizeLimit(WAL_LIMIT_BYTES);
            Connection connection = DriverManager.getConnection(url, config.toProperties());
            try (Statement statement = connection.createStatement();
                    ResultSet mode = statement.executeQuery("PRAGMA journal_mode")) {
                if (mode.next() && !"wal".equalsIgnoreCase(mode.getString(1))) {
                    LOG.warn(
                            "the file system of {} refuses WAL mode; the store runs in {} mode",
                            file,
                            mode.getString(1));
                }
            }
            Store store = new Store(file.toString(), Dialect.SQLITE, connection);
            store.restrictFiles();
            return store;
        } catch (SQLException | FlywayException | IOException e) {
            throw new StoreException(
                    "cannot open the store " + file + " (" + e.getMessage()
                            + "); is another harness using this --home?",
                    e);
        }
    }

    private static void migrate(String url) {
        // the busy timeout lets a command start while a pull holds the write lock for a moment
        Flyway.configure(Store.class.getClassLoader())
                .dataSource(url + "?busy_timeout=" + BUSY_TIMEOUT_MS + "&page_size=" + PAGE_SIZE, null, null)
                .locations(Dialect.SQLITE.migrations())
                .load()
                .migrate();
    }

    /** Created owner-only before SQLite opens it; SQLite gives its -wal and -shm files the same mode. */
    private static void createOwnerOnly(Path file) throws IOException {
        if (Files.exists(file)) {
            return;
        }
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } catch (FileAlreadyExistsException raced) {
            // another harness created it a moment ago
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(file);
        }
    }

    /** Tightens files an older harness or a permissive umask left readable to others. */
    private void restrictFiles() throws IOException {
        for (String suffix : List.of("", "-wal", "-shm")) {
            Path path = Path.of(where + suffix);
            try {
                if (Files.exists(path) && !Files.getPosixFilePermissions(path).equals(OWNER_ONLY)) {
                    Files.setPosixFilePermissions(path, OWNER_ONLY);
                }
            } catch (UnsupportedOperationException notPosix) {
                return;
            }
        }
    }

    /** Where the store is: its file (with {@code -wal} and {@code -shm} beside it) or its URL without a password. */
    public String where() {
        return where;
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
                        connection.prepareStatement("SELECT * FROM subscriptions ORDER BY created_at, id");
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
                "INSERT INTO subscriptions (id, plugin_id, name, settings, status, created_at) VALUES (?, ?, ?, ?, ?, ?)"
                        + " ON CONFLICT (id) DO UPDATE SET plugin_id = excluded.plugin_id, name = excluded.name,"
                        + " settings = excluded.settings, status = excluded.status, created_at = excluded.created_at",
                subscription.id(),
                subscription.pluginId(),
                subscription.name(),
                json(subscription.settings()),
                subscription.status(),
                subscription.createdAt().toEpochMilli());
    }

    /**
     * Moves a subscription from one status to another in one statement, so two harnesses (or the CLI and the web UI)
     * cannot both act on a status one of them already changed.
     *
     * @return false when the subscription was not in {@code from}
     */
    public synchronized boolean changeStatus(String subscriptionId, String from, String to) {
        return update("UPDATE subscriptions SET status = ? WHERE id = ? AND status = ?", to, subscriptionId, from) == 1;
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
                Instant.ofEpochMilli(rows.getLong("created_at")));
    }

    // --- secrets (already sealed by the caller) ----------------------------------------------------------

    public synchronized void putSecret(String subscriptionId, String name, byte[] sealed) {
        update(
                "INSERT INTO secrets (subscription_id, secret_name, sealed) VALUES (?, ?, ?)"
                        + " ON CONFLICT (subscription_id, secret_name) DO UPDATE SET sealed = excluded.sealed",
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
                attempt.expiresAt().toEpochMilli(),
                attempt.used() ? 1 : 0);
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
                            Instant.ofEpochMilli(rows.getLong("expires_at")),
                            rows.getInt("used") != 0))
                    : Optional.empty();
        } catch (SQLException e) {
            throw new StoreException("cannot read sign-in attempts", e);
        }
    }

    /** Marks an attempt used; false when it already was, so a state value works exactly once. */
    public synchronized boolean useAuthAttempt(String state) {
        return update("UPDATE auth_attempts SET used = 1 WHERE state = ? AND used = 0", state) == 1;
    }

    // --- connector state ---------------------------------------------------------------------------------

    public synchronized Optional<Map.Entry<Map<String, Object>, Long>> state(String subscriptionId, String key) {
        try (PreparedStatement statement = prepare(
                        "SELECT state_value, version FROM connector_state WHERE subscription_id = ? AND state_key = ?",
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
            return update(
                            "INSERT INTO connector_state (subscription_id, state_key, state_value, version)"
                                    + " VALUES (?, ?, ?, 1) ON CONFLICT DO NOTHING",
                            subscriptionId,
                            key,
                            json(value))
                    == 1;
        }
        return update(
                        "UPDATE connector_state SET state_value = ?, version = version + 1 WHERE subscription_id = ?"
                                + " AND state_key = ? AND version = ?",
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
                "INSERT INTO mapping_documents (subscription_id, document_name, document) VALUES (?, ?, ?)"
                        + " ON CONFLICT (subscription_id, document_name) DO UPDATE SET document = excluded.document",
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

    /** The store's handle on a mapping collection, registered (or its entity and target updated) on first use. */
    public synchronized StoredCollection collection(String subscriptionId, String name, String entity, String target) {
        update(
                "INSERT INTO collections (subscription_id, name, entity, target) VALUES (?, ?, ?, ?)"
                        + " ON CONFLICT (subscription_id, name) DO UPDATE SET entity = excluded.entity,"
                        + " target = excluded.target WHERE collections.entity <> excluded.entity OR collections.target <> excluded.target",
                subscriptionId,
                name,
                entity,
                target);
        try (PreparedStatement statement = prepare(
                        "SELECT id FROM collections WHERE subscription_id = ? AND name = ?", subscriptionId, name);
                ResultSet rows = statement.executeQuery()) {
            rows.next();
            return new StoredCollection(rows.getLong(1), name);
        } catch (SQLException e) {
            throw new StoreException("cannot read collections", e);
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

    /** Forgets the committed checkpoint; true when there was one. */
    public synchronized boolean resetCheckpoint(String subscriptionId, String entity) {
        return update("DELETE FROM checkpoints WHERE subscription_id = ? AND entity = ?", subscriptionId, entity) == 1;
    }

    /** Runs the work in one transaction: all of it is durable when this returns, or none of it. */
    public synchronized void inTransaction(TransactionWork work) {
        try {
            connection.setAutoCommit(false);
            try {
                work.run(new Transaction(statements));
                connection.commit();
            } catch (RuntimeException | SQLException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new StoreException(writeRefused(e), e);
        }
    }

    /** Work done inside {@link #inTransaction}. */
    public interface TransactionWork {
        void run(Transaction transaction) throws SQLException;
    }

    /** The writes allowed inside a transaction; each is one statement (or a few) for a whole batch. */
    public static final class Transaction {
        private final StatementCache statements;

        private Transaction(StatementCache statements) {
            this.statements = statements;
        }

        /**
         * Inserts or replaces the rows by key: one prepared statement run as one JDBC batch (measured: 30% less CPU
         * per record than 100-row multi-VALUES statements, 40% less than one json_each statement per batch).
         */
        public void upsertRecords(StoredCollection collection, List<RecordRow> rows) throws SQLException {
            if (rows.isEmpty()) {
                return;
            }
            long now = System.currentTimeMillis();
            PreparedStatement statement = statements.get(UPSERT_RECORD);
            // a batch left over from a failed transaction must not be replayed into this one
            statement.clearBatch();
            // in key order (measured: a third less CPU per record at a million records)
            for (RecordRow row : KeyOrder.sorted(rows)) {
                statement.setLong(1, collection.id());
                statement.setString(2, row.key());
                statement.setBytes(3, row.utf8Json());
                statement.setLong(4, now);
                statement.addBatch();
            }
            statement.executeBatch();
        }

        public void deleteRecords(StoredCollection collection, List<String> keys) throws SQLException {
            if (keys.isEmpty()) {
                return;
            }
            PreparedStatement statement = statements.get(
                    "DELETE FROM records WHERE collection_id = ? AND record_key IN (SELECT value FROM json_each(?))");
            statement.setLong(1, collection.id());
            statement.setString(2, json(keys));
            statement.executeUpdate();
        }

        public void quarantine(
                String subscriptionId,
                String entity,
                String key,
                String collection,
                String message,
                Map<String, Object> raw)
                throws SQLException {
            PreparedStatement statement = statements.get(
                    "INSERT INTO quarantine (subscription_id, entity, record_key, collection, message, raw,"
                            + " quarantined_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (subscription_id, entity,"
                            + " record_key) DO UPDATE SET collection = excluded.collection, message = excluded.message,"
                            + " raw = excluded.raw, quarantined_at = excluded.quarantined_at");
            bind(statement, subscriptionId, entity, key, collection, message, json(raw), System.currentTimeMillis());
            statement.executeUpdate();
        }

        /**
         * Records that now map cleanly leave quarantine: one statement for the batch, none when the entity has
         * nothing quarantined (the usual case).
         */
        public void release(String subscriptionId, String entity, List<String> keys) throws SQLException {
            if (keys.isEmpty()) {
                return;
            }
            PreparedStatement any =
                    statements.get("SELECT 1 FROM quarantine WHERE subscription_id = ? AND entity = ?" + " LIMIT 1");
            bind(any, subscriptionId, entity);
            try (ResultSet rows = any.executeQuery()) {
                if (!rows.next()) {
                    return;
                }
            }
            PreparedStatement statement =
                    statements.get("DELETE FROM quarantine WHERE subscription_id = ? AND entity = ?"
                            + " AND record_key IN (SELECT value FROM json_each(?))");
            bind(statement, subscriptionId, entity, json(keys));
            statement.executeUpdate();
        }

        /** A record was written to the remote system: remember its key and version there, and let it leave the outbox. */
        public void pushed(String subscriptionId, String entity, String key, String remoteKey, String version)
                throws SQLException {
            PreparedStatement link = statements.get(
                    "INSERT INTO push_links (subscription_id, entity, record_key, remote_key, version, pushed_at)"
                            + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (subscription_id, entity, record_key) DO UPDATE"
                            + " SET remote_key = excluded.remote_key, version = excluded.version,"
                            + " pushed_at = excluded.pushed_at");
            bind(link, subscriptionId, entity, key, remoteKey, version, System.currentTimeMillis());
            link.executeUpdate();
            PreparedStatement leave =
                    statements.get("DELETE FROM outbox WHERE subscription_id = ? AND entity = ? AND record_key = ?");
            bind(leave, subscriptionId, entity, key);
            leave.executeUpdate();
        }

        /**
         * A record is about to be handed to a writer: from now on, until its outcome is stored, a crash leaves this
         * row behind and the next push of the key is known to be a repeat.
         */
        public void sending(String subscriptionId, String entity, String key, Map<String, Object> record)
                throws SQLException {
            PreparedStatement statement = statements.get(
                    "INSERT INTO outbox (subscription_id, entity, record_key, status, error_kind, message, record,"
                            + " attempts, updated_at) VALUES (?, ?, ?, 'sending', '', '', ?, 0, ?)"
                            + " ON CONFLICT (subscription_id, entity, record_key) DO UPDATE SET status = 'sending',"
                            + " record = excluded.record, updated_at = excluded.updated_at");
            bind(statement, subscriptionId, entity, key, json(record), System.currentTimeMillis());
            statement.executeUpdate();
        }

        /** Marks an entity's notices up to {@code upTo} handled, with the writes that answer them. */
        public void noticesHandled(String subscriptionId, String entity, long upTo) throws SQLException {
            PreparedStatement statement = statements.get(
                    "UPDATE notices SET handled_at = ? WHERE subscription_id = ? AND entity = ? AND id <= ?"
                            + " AND handled_at IS NULL");
            bind(statement, System.currentTimeMillis(), subscriptionId, entity, upTo);
            statement.executeUpdate();
        }

        /** A record could not be written: keep it, as it was given, with why, until it is pushed again. */
        public void quarantineOutbound(
                String subscriptionId,
                String entity,
                String key,
                String errorKind,
                String message,
                Map<String, Object> record)
                throws SQLException {
            PreparedStatement read = statements.get(
                    "SELECT attempts, status FROM outbox WHERE subscription_id = ? AND entity = ? AND record_key = ?");
            bind(read, subscriptionId, entity, key);
            int failures = 0;
            try (ResultSet rows = read.executeQuery()) {
                if (rows.next()) {
                    failures = rows.getInt(1);
                }
            }
            failures++;
            long now = System.currentTimeMillis();
            // a passing failure waits for its next attempt on a growing schedule; a record's own fault, or the last
            // attempt, is quarantined for a person
            boolean waits = errorKind.equals("TRANSIENT") && failures <= OUTBOX_SCHEDULE.size();
            PreparedStatement statement = statements.get(
                    "INSERT INTO outbox (subscription_id, entity, record_key, status, error_kind, message, record,"
                            + " attempts, updated_at, next_attempt_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                            + " ON CONFLICT (subscription_id, entity, record_key) DO UPDATE SET status = excluded.status,"
                            + " error_kind = excluded.error_kind, message = excluded.message, record = excluded.record,"
                            + " attempts = excluded.attempts, updated_at = excluded.updated_at,"
                            + " next_attempt_at = excluded.next_attempt_at");
            bind(
                    statement,
                    subscriptionId,
                    entity,
                    key,
                    waits ? "waiting" : "quarantined",
                    errorKind,
                    message,
                    json(record),
                    failures,
                    now,
                    waits ? now + OUTBOX_SCHEDULE.get(failures - 1).toMillis() : null);
            statement.executeUpdate();
        }

        public void commitCheckpoint(String subscriptionId, String entity, Checkpoint checkpoint) throws SQLException {
            PreparedStatement statement =
                    statements.get("INSERT INTO checkpoints (subscription_id, entity, format, checkpoint, committed_at)"
                            + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (subscription_id, entity) DO UPDATE SET"
                            + " format = excluded.format, checkpoint = excluded.checkpoint,"
                            + " committed_at = excluded.committed_at");
            bind(
                    statement,
                    subscriptionId,
                    entity,
                    checkpoint.format(),
                    json(checkpoint.values()),
                    System.currentTimeMillis());
            statement.executeUpdate();
        }
    }

    public synchronized List<StoredRecord> records(String subscriptionId, String entity, int limit) {
        List<StoredRecord> records = new ArrayList<>();
        try (PreparedStatement statement = prepare(
                        "SELECT c.name, r.record_key, c.target, r.fields FROM records r JOIN collections c"
                                + " ON c.id = r.collection_id WHERE c.subscription_id = ? AND c.entity = ?"
                                + " ORDER BY c.name, r.record_key LIMIT ?",
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
        String sql = switch (table) {
            case "records" ->
                "SELECT COUNT(*) FROM records r JOIN collections c ON c.id = r.collection_id"
                        + " WHERE c.subscription_id = ? AND c.entity = ?";
            case "quarantine" -> "SELECT COUNT(*) FROM quarantine WHERE subscription_id = ? AND entity = ?";
            case "push_links" -> "SELECT COUNT(*) FROM push_links WHERE subscription_id = ? AND entity = ?";
            default -> throw new IllegalArgumentException(table);
        };
        try (PreparedStatement statement = prepare(sql, subscriptionId, entity);
                ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new StoreException("cannot count " + table, e);
        }
    }

    /** Where a pushed record went and the version last written, when it was pushed before. */
    public record PushLink(String remoteKey, Optional<String> version) {}

    public synchronized Optional<PushLink> pushLink(String subscriptionId, String entity, String key) {
        try (PreparedStatement statement = prepare(
                        "SELECT remote_key, version FROM push_links WHERE subscription_id = ? AND entity = ?"
                                + " AND record_key = ?",
                        subscriptionId,
                        entity,
                        key);
                ResultSet rows = statement.executeQuery()) {
            return rows.next()
                    ? Optional.of(new PushLink(rows.getString(1), Optional.ofNullable(rows.getString(2))))
                    : Optional.empty();
        } catch (SQLException e) {
            throw new StoreException("cannot read push links", e);
        }
    }

    /** The keys among {@code keys} that were handed to a writer before: pushed, quarantined, or left sending. */
    public synchronized Set<String> seenByWriter(String subscriptionId, String entity, List<String> keys) {
        Set<String> seen = new java.util.HashSet<>();
        try (PreparedStatement statement = prepare(
                        "SELECT record_key FROM push_links WHERE subscription_id = ? AND entity = ? AND record_key IN"
                                + " (SELECT value FROM json_each(?)) UNION SELECT record_key FROM outbox WHERE"
                                + " subscription_id = ? AND entity = ? AND record_key IN (SELECT value FROM json_each(?))",
                        subscriptionId,
                        entity,
                        json(keys),
                        subscriptionId,
                        entity,
                        json(keys));
                ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                seen.add(rows.getString(1));
            }
            return seen;
        } catch (SQLException e) {
            throw new StoreException("cannot read the outbox", e);
        }
    }

    // --- serve: notices, entity status, leases --------------------------------------------------------

    /** Stores the notices of one webhook request in one transaction: durable when this returns. */
    public synchronized void storeNotices(List<Notice> notices) {
        inTransaction(tx -> {
            PreparedStatement statement = statements.get(
                    "INSERT INTO notices (subscription_id, entity, change_type, record_key, changed_since, remote_id,"
                            + " received_at) VALUES (?, ?, ?, ?, ?, ?, ?)");
            statement.clearBatch();
            for (Notice notice : notices) {
                bind(
                        statement,
                        notice.subscriptionId(),
                        notice.entity(),
                        notice.changeType(),
                        notice.recordKey().orElse(null),
                        notice.changedSince().map(Instant::toEpochMilli).orElse(null),
                        null,
                        notice.receivedAt().toEpochMilli());
                statement.addBatch();
            }
            statement.executeBatch();
            PreparedStatement seen = statements.get(
                    "UPDATE entity_status SET last_notice_at = ? WHERE subscription_id = ? AND entity = ?");
            for (Notice notice : notices) {
                bind(seen, notice.receivedAt().toEpochMilli(), notice.subscriptionId(), notice.entity());
                seen.executeUpdate();
            }
        });
    }

    /** The highest open notice id of an entity, or 0 when none is open. */
    public synchronized long openNoticesUpTo(String subscriptionId, String entity) {
        try (PreparedStatement statement = prepare(
                        "SELECT COALESCE(MAX(id), 0) FROM notices WHERE subscription_id = ? AND entity = ?"
                                + " AND handled_at IS NULL",
                        subscriptionId,
                        entity);
                ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new StoreException("cannot read notices", e);
        }
    }

    /** Open notices of a subscription, oldest first. */
    public synchronized List<Notice> openNotices(String subscriptionId) {
        List<Notice> notices = new ArrayList<>();
        try (PreparedStatement statement = prepare(
                        "SELECT id, entity, change_type, record_key, changed_since, received_at FROM notices"
                                + " WHERE subscription_id = ? AND handled_at IS NULL ORDER BY id",
                        subscriptionId);
                ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                long since = rows.getLong(5);
                boolean hasSince = !rows.wasNull();
                notices.add(new Notice(
                        rows.getLong(1),
                        subscriptionId,
                        rows.getString(2),
                        rows.getString(3),
                        Optional.ofNullable(rows.getString(4)),
                        hasSince ? Optional.of(Instant.ofEpochMilli(since)) : Optional.empty(),
                        Instant.ofEpochMilli(rows.getLong(6))));
            }
            return notices;
        } catch (SQLException e) {
            throw new StoreException("cannot read notices", e);
        }
    }

    /** The keys a collection stored before {@code beforeMillis} (what a listing started then must contain). */
    public synchronized List<String> storedKeysBefore(StoredCollection collection, long beforeMillis) {
        return strings(
                "SELECT record_key FROM records WHERE collection_id = ? AND updated_at < ?",
                collection.id(),
                beforeMillis);
    }

    /** The keys of records the remote reported deleted, in open notices up to {@code upTo}. */
    public synchronized List<String> openDeletedKeys(String subscriptionId, String entity, long upTo) {
        return strings(
                "SELECT DISTINCT record_key FROM notices WHERE subscription_id = ? AND entity = ? AND id <= ?"
                        + " AND handled_at IS NULL AND change_type = 'DELETED' AND record_key IS NOT NULL"
                        + " ORDER BY record_key",
                subscriptionId,
                entity,
                upTo);
    }

    /** Marks an entity's notices up to {@code upTo} handled: the pull they started has committed. */
    public synchronized void noticesHandled(String subscriptionId, String entity, long upTo) {
        update(
                "UPDATE notices SET handled_at = ? WHERE subscription_id = ? AND entity = ? AND id <= ?"
                        + " AND handled_at IS NULL",
                System.currentTimeMillis(),
                subscriptionId,
                entity,
                upTo);
    }

    public synchronized void saveEntityStatus(EntityStatus status) {
        update(
                "INSERT INTO entity_status (subscription_id, entity, mode, reason, remote_id, remote_expires,"
                        + " remote_attrs, path_token, last_run_at, last_records, last_error, last_notice_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (subscription_id, entity) DO UPDATE"
                        + " SET mode = excluded.mode, reason = excluded.reason, remote_id = excluded.remote_id,"
                        + " remote_expires = excluded.remote_expires, remote_attrs = excluded.remote_attrs,"
                        + " path_token = excluded.path_token, last_run_at = excluded.last_run_at,"
                        + " last_records = excluded.last_records, last_error = excluded.last_error,"
                        + " last_notice_at = excluded.last_notice_at",
                status.subscriptionId(),
                status.entity(),
                status.mode(),
                status.reason(),
                status.remoteId().orElse(null),
                status.remoteExpires().map(Instant::toEpochMilli).orElse(null),
                json(status.remoteAttributes()),
                status.pathToken().orElse(null),
                status.lastRunAt().map(Instant::toEpochMilli).orElse(null),
                status.lastRecords().orElse(null),
                status.lastError().orElse(null),
                status.lastNoticeAt().map(Instant::toEpochMilli).orElse(null));
    }

    public synchronized List<EntityStatus> entityStatus(String subscriptionId) {
        List<EntityStatus> all = new ArrayList<>();
        try (PreparedStatement statement = prepare(
                        "SELECT entity, mode, reason, remote_id, remote_expires, remote_attrs, path_token, last_run_at,"
                                + " last_records, last_error, last_notice_at FROM entity_status WHERE subscription_id = ?"
                                + " ORDER BY entity",
                        subscriptionId);
                ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                Map<String, String> attributes = new LinkedHashMap<>();
                String attrs = rows.getString(6);
                if (attrs != null) {
                    map(attrs).forEach((k, v) -> attributes.put(k, String.valueOf(v)));
                }
                all.add(new EntityStatus(
                        subscriptionId,
                        rows.getString(1),
                        rows.getString(2),
                        rows.getString(3),
                        Optional.ofNullable(rows.getString(4)),
                        instant(rows, 5),
                        attributes,
                        Optional.ofNullable(rows.getString(7)),
                        instant(rows, 8),
                        number(rows, 9),
                        Optional.ofNullable(rows.getString(10)),
                        instant(rows, 11)));
            }
            return all;
        } catch (SQLException e) {
            throw new StoreException("cannot read the entity status", e);
        }
    }

    private static Optional<Long> number(ResultSet rows, int column) throws SQLException {
        long value = rows.getLong(column);
        return rows.wasNull() ? Optional.empty() : Optional.of(value);
    }

    private static Optional<Instant> instant(ResultSet rows, int column) throws SQLException {
        long millis = rows.getLong(column);
        return rows.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(millis));
    }

    /**
     * Takes the lease on a (subscription, entity) for {@code owner} until {@code until}, when nobody holds it or the
     * holder's lease ran out: several harnesses on one store never pull the same entity at once.
     */
    public synchronized boolean tryLease(String subscriptionId, String entity, String owner, Instant until) {
        long now = System.currentTimeMillis();
        int taken = update(
                "INSERT INTO leases (subscription_id, entity, owner, until_ms) VALUES (?, ?, ?, ?)"
                        + " ON CONFLICT (subscription_id, entity) DO UPDATE SET owner = excluded.owner,"
                        + " until_ms = excluded.until_ms WHERE leases.until_ms < ? OR leases.owner = excluded.owner",
                subscriptionId,
                entity,
                owner,
                until.toEpochMilli(),
                now);
        return taken == 1;
    }

    /** How long the outcome of each pull is kept for the dashboard's chart. */
    public static final java.time.Duration RUNS_KEPT = java.time.Duration.ofDays(7);

    /** One pull's outcome: when, how many records, how many requests; runs older than {@link #RUNS_KEPT} go. */
    public synchronized void recordRun(String subscriptionId, String entity, Instant at, long records, long requests) {
        update(
                "INSERT INTO runs (subscription_id, entity, ran_at, records, requests) VALUES (?, ?, ?, ?, ?)",
                subscriptionId,
                entity,
                at.toEpochMilli(),
                records,
                requests);
        update(
                "DELETE FROM runs WHERE subscription_id = ? AND ran_at < ?",
                subscriptionId,
                at.minus(RUNS_KEPT).toEpochMilli());
    }

    public record Run(String entity, Instant at, long records, long requests) {}

    /** The subscription's runs since {@code from}, oldest first. */
    public synchronized List<Run> runs(String subscriptionId, Instant from) {
        List<Run> runs = new ArrayList<>();
        try (PreparedStatement statement = prepare(
                        "SELECT entity, ran_at, records, requests FROM runs WHERE subscription_id = ? AND ran_at >= ?"
                                + " ORDER BY ran_at",
                        subscriptionId,
                        from.toEpochMilli());
                ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                runs.add(new Run(
                        rows.getString(1), Instant.ofEpochMilli(rows.getLong(2)), rows.getLong(3), rows.getLong(4)));
            }
            return runs;
        } catch (SQLException e) {
            throw new StoreException("cannot read the runs", e);
        }
    }

    /** Who holds the lease of a unit now, if anyone. */
    public synchronized Optional<String> leaseOwner(String subscriptionId, String entity) {
        List<String> owners =
                strings("SELECT owner FROM leases WHERE subscription_id = ? AND entity = ?", subscriptionId, entity);
        return owners.stream().findFirst();
    }

    public synchronized void releaseLease(String subscriptionId, String entity, String owner) {
        update(
                "DELETE FROM leases WHERE subscription_id = ? AND entity = ? AND owner = ?",
                subscriptionId,
                entity,
                owner);
    }

    /** When a record whose push failed for a passing reason is sent again: after failures 1 to 5. */
    public static final List<java.time.Duration> OUTBOX_SCHEDULE = List.of(
            java.time.Duration.ofMinutes(1),
            java.time.Duration.ofMinutes(5),
            java.time.Duration.ofMinutes(30),
            java.time.Duration.ofHours(2),
            java.time.Duration.ofHours(12));

    /** The outbound records waiting whose next attempt is due, by entity. */
    public synchronized Map<String, List<Map<String, Object>>> dueOutbound(String subscriptionId, Instant now) {
        Map<String, List<Map<String, Object>>> due = new LinkedHashMap<>();
        try (PreparedStatement statement = prepare(
                        "SELECT entity, record FROM outbox WHERE subscription_id = ? AND status = 'waiting'"
                                + " AND next_attempt_at <= ? ORDER BY entity, next_attempt_at",
                        subscriptionId,
                        now.toEpochMilli());
                ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                due.computeIfAbsent(rows.getString(1), e -> new ArrayList<>()).add(map(rows.getString(2)));
            }
            return due;
        } catch (SQLException e) {
            throw new StoreException("cannot read the outbox", e);
        }
    }

    /** The outbox's records with this key, by entity (a key may be pushed to two entities). */
    public synchronized Map<String, Map<String, Object>> outboundByKey(String subscriptionId, String key) {
        Map<String, Map<String, Object>> found = new LinkedHashMap<>();
        try (PreparedStatement statement = prepare(
                        "SELECT entity, record FROM outbox WHERE subscription_id = ? AND record_key = ?"
                                + " AND status IN ('quarantined', 'waiting') ORDER BY entity",
                        subscriptionId,
                        key);
                ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                found.put(rows.getString(1), map(rows.getString(2)));
            }
            return found;
        } catch (SQLException e) {
            throw new StoreException("cannot read the outbox", e);
        }
    }

    /** An outbound record kept after a failed push. */
    /** The entities (unit ids) a subscription pushed to or holds outbox records of, in name order. */
    public synchronized List<String> pushedEntities(String subscriptionId) {
        return strings(
                "SELECT entity FROM push_links WHERE subscription_id = ? UNION SELECT entity FROM outbox"
                        + " WHERE subscription_id = ? ORDER BY entity",
                subscriptionId,
                subscriptionId);
    }

    public record OutboundFailure(
            String key,
            String errorKind,
            String message,
            Map<String, Object> record,
            int attempts,
            String status,
            Optional<Instant> nextAttemptAt) {}

    public synchronized List<OutboundFailure> outboundQuarantine(String subscriptionId, String entity) {
        List<OutboundFailure> failures = new ArrayList<>();
        try (PreparedStatement statement = prepare(
                        "SELECT record_key, error_kind, message, record, attempts, status, next_attempt_at FROM outbox"
                                + " WHERE subscription_id = ? AND entity = ? AND status IN ('quarantined', 'waiting')"
                                + " ORDER BY record_key",
                        subscriptionId,
                        entity);
                ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                failures.add(new OutboundFailure(
                        rows.getString(1),
                        rows.getString(2),
                        rows.getString(3),
                        map(rows.getString(4)),
                        rows.getInt(5),
                        rows.getString(6),
                        instant(rows, 7)));
            }
            return failures;
        } catch (SQLException e) {
            throw new StoreException("cannot read the outbox", e);
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
            statements.close();
            connection.close();
        } catch (SQLException ignored) {
            // closing on the way out; every transaction already committed or rolled back
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
            throw new StoreException(writeRefused(e), e);
        }
    }

    private String writeRefused(SQLException e) {
        String message = String.valueOf(e.getMessage());
        if (message.contains("SQLITE_BUSY") || message.contains("database is locked")) {
            return "the store " + where + " stayed locked for " + BUSY_TIMEOUT_MS / 1000
                    + " s: another harness is writing to this --home; wait for it to finish or use another --home";
        }
        return "the store refused a write (" + message + ")";
    }

    private PreparedStatement prepare(String sql, Object... parameters) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(dialect.sql(sql));
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
