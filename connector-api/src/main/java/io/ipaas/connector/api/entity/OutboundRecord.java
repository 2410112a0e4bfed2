package io.ipaas.connector.api.entity;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A record the platform wants written to the remote system.
 *
 * @param entity the entity name
 * @param idempotencyKey the platform's identity for this record; writing the same key twice must not create twice
 * @param fields JSON-compatible values in the remote system's field names
 * @param expectedVersion the remote version the platform last saw, for optimistic concurrency
 * @param firstAttempt true only when the host durably recorded, before this call, that no writer was ever handed
 *     this key before: the record cannot exist remotely yet, so a connector may skip the lookup that protects a
 *     repeated create. False whenever the host is not sure (a repeat after a crash or a timeout, a push of the same
 *     record again).
 */
public record OutboundRecord(
        String entity,
        String idempotencyKey,
        Map<String, Object> fields,
        Optional<String> expectedVersion,
        boolean firstAttempt) {
    public OutboundRecord {
        Objects.requireNonNull(entity, "entity");
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        Objects.requireNonNull(expectedVersion, "expectedVersion");
    }

    /** A record that may have been handed to a writer before: connectors guard against creating it twice. */
    public OutboundRecord(
            String entity, String idempotencyKey, Map<String, Object> fields, Optional<String> expectedVersion) {
        this(entity, idempotencyKey, fields, expectedVersion, false);
    }
}
