package io.ipaas.connector.api.entity;

import io.ipaas.connector.api.error.ConnectorException;
import java.util.Objects;
import java.util.Optional;

/**
 * What happened to one outbound record.
 *
 * @param idempotencyKey the record's platform key
 * @param remoteKey the key the remote system gave it, when written
 * @param version the remote version after the write, when written
 * @param failure why it was not written, classified
 */
public record WriteOutcome(
        String idempotencyKey,
        Optional<String> remoteKey,
        Optional<String> version,
        Optional<ConnectorException> failure) {
    public WriteOutcome {
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Objects.requireNonNull(remoteKey, "remoteKey");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(failure, "failure");
    }

    public boolean succeeded() {
        return failure.isEmpty();
    }
}
