package io.ipaas.connector.api.poll;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A pointer to a change, usually from a webhook notice, that lets a poll fetch just what changed.
 * Hints carry no data and are never trusted as data.
 *
 * @param key the changed record's key, when a single record changed
 * @param changedSince the earliest change time, when many records changed
 */
public record ChangeHint(Optional<String> key, Optional<Instant> changedSince) {
    public ChangeHint {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(changedSince, "changedSince");
    }
}
