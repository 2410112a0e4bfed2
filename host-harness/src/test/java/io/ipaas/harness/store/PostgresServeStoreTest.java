package io.ipaas.harness.store;

import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;

/** Every case of {@link ServeStoreTest} on a real PostgreSQL server: leases and notices shared by two harnesses. */
class PostgresServeStoreTest extends ServeStoreTest {
    private String url;

    @BeforeEach
    void database() {
        url = PostgresServer.shared().newDatabase();
    }

    @Override
    Store open() {
        return Store.openPostgres(url, Optional.empty());
    }
}
