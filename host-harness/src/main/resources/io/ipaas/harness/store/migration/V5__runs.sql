-- every pull's outcome, for the dashboard's chart of records and requests over time; kept for a week
CREATE TABLE runs (
    subscription_id TEXT    NOT NULL,
    entity          TEXT    NOT NULL,
    ran_at          INTEGER NOT NULL,
    records         INTEGER NOT NULL,
    requests        INTEGER NOT NULL
);
CREATE INDEX runs_by_time ON runs (subscription_id, ran_at);
