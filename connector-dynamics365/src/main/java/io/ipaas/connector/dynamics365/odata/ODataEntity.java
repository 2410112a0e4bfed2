package io.ipaas.connector.dynamics365.odata;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One entity of a collection page, as parsed: its properties without OData annotations, nested children
 * ({@code $expand}) as lists of maps, and its {@code @odata.etag}.
 *
 * @param fields the properties, in the order BC sent them; owned by the receiver (not copied)
 * @param etag the entity's {@code @odata.etag}, if it had one
 */
public record ODataEntity(Map<String, Object> fields, Optional<String> etag) {
    public ODataEntity {
        Objects.requireNonNull(fields, "fields");
        Objects.requireNonNull(etag, "etag");
    }
}
