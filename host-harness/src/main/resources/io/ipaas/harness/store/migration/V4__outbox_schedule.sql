-- a push that failed for a passing reason waits for its next attempt on a growing schedule before it is quarantined
ALTER TABLE outbox ADD COLUMN next_attempt_at INTEGER;
