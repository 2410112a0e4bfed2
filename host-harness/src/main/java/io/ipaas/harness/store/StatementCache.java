package io.ipaas.harness.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/** The store's hot statements, prepared once per connection instead of once per batch or per row. */
final class StatementCache implements AutoCloseable {
    private static final String UPSERT_HEAD =
            "INSERT INTO records (collection_id, record_key, fields, updated_at) VALUES ";
    private static final String UPSERT_TAIL = " ON CONFLICT (collection_id, record_key) DO UPDATE SET"
            + " fields = excluded.fields, updated_at = excluded.updated_at";

    private final Connection connection;
    private final Map<String, PreparedStatement> bySql = new HashMap<>();
    private final Map<Integer, PreparedStatement> upsertsByRows = new HashMap<>();

    StatementCache(Connection connection) {
        this.connection = connection;
    }

    PreparedStatement get(String sql) throws SQLException {
        PreparedStatement statement = bySql.get(sql);
        if (statement == null) {
            statement = connection.prepareStatement(sql);
            bySql.put(sql, statement);
        }
        return statement;
    }

    /** A multi-row upsert of {@code rows} records: four parameters per row (collection, key, fields, time). */
    PreparedStatement upsert(int rows) throws SQLException {
        PreparedStatement statement = upsertsByRows.get(rows);
        if (statement == null) {
            StringBuilder sql = new StringBuilder(UPSERT_HEAD.length() + rows * 11 + UPSERT_TAIL.length());
            sql.append(UPSERT_HEAD);
            for (int i = 0; i < rows; i++) {
                sql.append(i == 0 ? "(?, ?, ?, ?)" : ", (?, ?, ?, ?)");
            }
            statement = connection.prepareStatement(sql.append(UPSERT_TAIL).toString());
            upsertsByRows.put(rows, statement);
        }
        return statement;
    }

    @Override
    public void close() throws SQLException {
        for (PreparedStatement statement : bySql.values()) {
            statement.close();
        }
        for (PreparedStatement statement : upsertsByRows.values()) {
            statement.close();
        }
        bySql.clear();
        upsertsByRows.clear();
    }
}
