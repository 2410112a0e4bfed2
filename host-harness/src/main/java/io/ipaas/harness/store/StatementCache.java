package io.ipaas.harness.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/** The store's statements, prepared once per connection instead of once per batch or per row. */
final class StatementCache implements AutoCloseable {
    private final Connection connection;
    private final Dialect dialect;
    private final Map<String, PreparedStatement> bySql = new HashMap<>();

    StatementCache(Connection connection, Dialect dialect) {
        this.connection = connection;
        this.dialect = dialect;
    }

    PreparedStatement get(String sql) throws SQLException {
        PreparedStatement statement = bySql.get(sql);
        if (statement == null) {
            statement = connection.prepareStatement(dialect.sql(sql));
            bySql.put(sql, statement);
        }
        return statement;
    }

    @Override
    public void close() throws SQLException {
        for (PreparedStatement statement : bySql.values()) {
            statement.close();
        }
        bySql.clear();
    }
}
