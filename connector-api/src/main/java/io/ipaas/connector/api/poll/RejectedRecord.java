package io.ipaas.connector.api.poll;

import java.util.Objects;

/**
 * A record the connector read but cannot deliver (it fails to parse, lacks its key, holds an impossible value).
 * The host quarantines it with the reason and carries on; the checkpoint still moves past it, so one bad record
 * never blocks an entity, and it is never silently dropped either.
 *
 * @param key the record's key as far as it could be read ({@code "?"} when even that failed)
 * @param reason one line for the user: which field is wrong and why
 * @param raw the record as received (JSON text, possibly truncated by the connector), for whoever fixes it
 */
public record RejectedRecord(String key, String reason, String raw) {
    public RejectedRecord {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(raw, "raw");
    }
}
