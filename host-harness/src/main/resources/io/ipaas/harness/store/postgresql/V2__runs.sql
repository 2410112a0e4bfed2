-- every pull's outcome, for the dashboard's chart of records and requests over time; kept for a week
CREATE TABLE runs (
    subscription_id TEXT   NOT NULL,
    entity          TEXT   NOT NULL,
    ran_at          BIGINT NOT NULL,
    records         BIGINT NOT NULL,
    requests        BIGINT NOT NULL
);
CREATE INDEX runs_by_time ON runs (subscription_id, ran_at);
