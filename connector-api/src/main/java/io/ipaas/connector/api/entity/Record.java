package io.ipaas.connector.api.entity;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One record read from the remote system.
 *
 * @param entity the entity name
 * @param key the record's identity (stable across updates)
 * @param operation upsert or delete
 * @param fields JSON-compatible field values (null, Boolean, String, Number, List, Map); nested children
 *     (for example an item's variants) are lists of maps
 * @param modifiedAt the remote modification time, if known
 * @param version the remote concurrency token (an ETag), if any
 */
public record Record(
        String entity,
        String key,
        Operation operation,
        Map<String, Object> fields,
        Optional<Instant> modifiedAt,
        Optional<String> version) {
    public Record {
        Objects.requireNonNull(entity, "entity");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(operation, "operation");
        // insertion order is kept for readable output; Map.copyOf would shuffle and reject null values
        if (!(fields instanceof HandedOverFields)) {
            fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        }
        Objects.requireNonNull(modifiedAt, "modifiedAt");
        Objects.requireNonNull(version, "version");
    }

    /**
     * A record that keeps {@code fields} instead of copying it, for a source that builds a fresh map per record (a
     * page parser) and never touches it again: one copy less per record. The record's {@link #fields()} is a
     * read-only view of it, in the map's own iteration order (give an ordered map).
     */
    public static Record handOver(
            String entity,
            String key,
            Operation operation,
            Map<String, Object> fields,
            Optional<Instant> modifiedAt,
            Optional<String> version) {
        return new Record(
                entity,
                key,
                operation,
                new HandedOverFields(Objects.requireNonNull(fields, "fields")),
                modifiedAt,
                version);
    }
}
