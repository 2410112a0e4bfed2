-- The harness store, first version. Times are epoch milliseconds (INTEGER); JSON is compact text.

CREATE TABLE subscriptions (
    id         TEXT    NOT NULL PRIMARY KEY,
    plugin_id  TEXT    NOT NULL,
    name       TEXT    NOT NULL,
    settings   TEXT    NOT NULL,
    status     TEXT    NOT NULL,
    created_at INTEGER NOT NULL,
    UNIQUE (plugin_id, name)
);

-- sealed with AES-GCM by the caller; never clear text
CREATE TABLE secrets (
    subscription_id TEXT NOT NULL,
    secret_name     TEXT NOT NULL,
    sealed          BLOB NOT NULL,
    PRIMARY KEY (subscription_id, secret_name)
) WITHOUT ROWID;

CREATE TABLE connector_state (
    subscription_id TEXT    NOT NULL,
    state_key       TEXT    NOT NULL,
    state_value     TEXT    NOT NULL,
    version         INTEGER NOT NULL,
    PRIMARY KEY (subscription_id, state_key)
) WITHOUT ROWID;

CREATE TABLE mapping_documents (
    subscription_id TEXT NOT NULL,
    document_name   TEXT NOT NULL,
    document        TEXT NOT NULL,
    PRIMARY KEY (subscription_id, document_name)
) WITHOUT ROWID;

CREATE TABLE checkpoints (
    subscription_id TEXT    NOT NULL,
    entity          TEXT    NOT NULL,
    format          INTEGER NOT NULL,
    checkpoint      TEXT    NOT NULL,
    committed_at    INTEGER NOT NULL,
    PRIMARY KEY (subscription_id, entity)
) WITHOUT ROWID;

-- one row per mapping collection, so each stored record carries a small id instead of three repeated strings
CREATE TABLE collections (
    id              INTEGER NOT NULL PRIMARY KEY,
    subscription_id TEXT    NOT NULL,
    name            TEXT    NOT NULL,
    entity          TEXT    NOT NULL,
    target          TEXT    NOT NULL,
    UNIQUE (subscription_id, name)
);

-- a rowid table: rows are appended in insert order and only the small key index takes random inserts
-- (measured faster and smaller than WITHOUT ROWID for rows of a few hundred bytes)
CREATE TABLE records (
    collection_id INTEGER NOT NULL REFERENCES collections (id),
    record_key    TEXT    NOT NULL,
    fields        TEXT    NOT NULL,
    updated_at    INTEGER NOT NULL,
    UNIQUE (collection_id, record_key)
);

CREATE TABLE auth_attempts (
    state           TEXT    NOT NULL PRIMARY KEY,
    subscription_id TEXT    NOT NULL,
    verifier        BLOB    NOT NULL,
    redirect_uri    TEXT    NOT NULL,
    expires_at      INTEGER NOT NULL,
    used            INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE quarantine (
    subscription_id TEXT    NOT NULL,
    entity          TEXT    NOT NULL,
    record_key      TEXT    NOT NULL,
    collection      TEXT    NOT NULL,
    message         TEXT    NOT NULL,
    raw             TEXT    NOT NULL,
    quarantined_at  INTEGER NOT NULL,
    PRIMARY KEY (subscription_id, entity, record_key)
) WITHOUT ROWID;
