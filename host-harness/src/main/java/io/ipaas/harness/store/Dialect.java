package io.ipaas.harness.store;

/**
 * The two databases the store runs on. Its statements are written once, in the SQL both accept, except two
 * constructs that have no common spelling; those are written in SQLite's and translated here for PostgreSQL, so every
 * statement runs on both and one test suite covers both.
 */
enum Dialect {
    /** One file in the home folder: the default, for one host process. */
    SQLITE("classpath:io/ipaas/harness/store/migration"),
    /** A server several host processes share ({@code --store jdbc:postgresql://…}). */
    POSTGRESQL("classpath:io/ipaas/harness/store/postgresql");

    private static final String JSON_ARRAY_SQLITE = "(SELECT value FROM json_each(?))";
    private static final String JSON_ARRAY_POSTGRESQL = "(SELECT jsonb_array_elements_text(CAST(? AS jsonb)))";
    private static final String UTF8_TEXT_SQLITE = "CAST(? AS TEXT)";
    private static final String UTF8_TEXT_POSTGRESQL = "convert_from(?, 'UTF8')";

    private final String migrations;

    Dialect(String migrations) {
        this.migrations = migrations;
    }

    /** Where Flyway finds this database's migrations. */
    String migrations() {
        return migrations;
    }

    /**
     * The statement in this database's SQL: a JSON array parameter expanded into rows, and UTF-8 bytes stored as text
     * without a conversion.
     */
    String sql(String statement) {
        if (this == SQLITE) {
            return statement;
        }
        return statement
                .replace(JSON_ARRAY_SQLITE, JSON_ARRAY_POSTGRESQL)
                .replace(UTF8_TEXT_SQLITE, UTF8_TEXT_POSTGRESQL);
    }
}
