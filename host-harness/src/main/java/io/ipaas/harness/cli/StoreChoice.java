package io.ipaas.harness.cli;

import io.ipaas.harness.store.Store;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Which store a command opens: the SQLite file in the home folder (the default), or a PostgreSQL database named by
 * {@code --store} that several harness processes share. The secret key and the log stay in the home either way.
 */
record StoreChoice(Optional<String> url, Optional<String> password) {
    static final StoreChoice HOME = new StoreChoice(Optional.empty(), Optional.empty());

    Store open(Path home) {
        return Store.open(home, url, password);
    }
}
