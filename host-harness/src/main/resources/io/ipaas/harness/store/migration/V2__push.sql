-- what each pushed platform record became on the remote side: its key there and the version last written, sent as
-- the expected version (If-Match) by the next push of the same record
CREATE TABLE push_links (
    subscription_id TEXT    NOT NULL,
    entity          TEXT    NOT NULL,
    record_key      TEXT    NOT NULL,
    remote_key      TEXT    NOT NULL,
    version         TEXT,
    pushed_at       INTEGER NOT NULL,
    PRIMARY KEY (subscription_id, entity, record_key)
) WITHOUT ROWID;

-- outbound records that could not be written, with the platform record as it was given and why; pushed again with
-- push --quarantined. The status column leaves room for records still waiting to be sent.
CREATE TABLE outbox (
    subscription_id TEXT    NOT NULL,
    entity          TEXT    NOT NULL,
    record_key      TEXT    NOT NULL,
    status          TEXT    NOT NULL,
    error_kind      TEXT    NOT NULL,
    message         TEXT    NOT NULL,
    record          TEXT    NOT NULL,
    attempts        INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    PRIMARY KEY (subscription_id, entity, record_key)
) WITHOUT ROWID;
