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
 */
public record OutboundRecord(
        String entity, String idempotencyKey, Map<String, Object> fields, Optional<String> expectedVersion) {
    public OutboundRecord {
        Objects.requireNonNull(entity, "entity");
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        Objects.requireNonNull(expectedVersion, "expectedVersion");
    }
}
