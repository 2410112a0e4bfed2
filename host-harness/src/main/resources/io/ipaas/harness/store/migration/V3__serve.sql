-- change notices received on a webhook, stored before the remote gets its 2xx; handled once the pull they started
-- committed
CREATE TABLE notices (
    id              INTEGER PRIMARY KEY,
    subscription_id TEXT    NOT NULL,
    entity          TEXT    NOT NULL,
    change_type     TEXT    NOT NULL,
    record_key      TEXT,
    changed_since   INTEGER,
    remote_id       TEXT,
    received_at     INTEGER NOT NULL,
    handled_at      INTEGER
);
CREATE INDEX notices_open ON notices (subscription_id, entity) WHERE handled_at IS NULL;

-- how serve keeps each entity of a subscription in step: by webhook or by polling and why, the remote subscription
-- and its path token, the last run
CREATE TABLE entity_status (
    subscription_id TEXT    NOT NULL,
    entity          TEXT    NOT NULL,
    mode            TEXT    NOT NULL,
    reason          TEXT    NOT NULL,
    remote_id       TEXT,
    remote_expires  INTEGER,
    remote_attrs    TEXT,
    path_token      TEXT,
    last_run_at     INTEGER,
    last_records    INTEGER,
    last_error      TEXT,
    last_notice_at  INTEGER,
    PRIMARY KEY (subscription_id, entity)
) WITHOUT ROWID;

-- one harness at a time pulls a (subscription, entity): a lease with an owner and an end
CREATE TABLE leases (
    subscription_id TEXT    NOT NULL,
    entity          TEXT    NOT NULL,
    owner           TEXT    NOT NULL,
    until_ms        INTEGER NOT NULL,
    PRIMARY KEY (subscription_id, entity)
) WITHOUT ROWID;
