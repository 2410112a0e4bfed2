package io.ipaas.connector.api.entity;

import io.ipaas.connector.api.poll.PollSource;
import java.util.Optional;

/**
 * One entity of an opened connector, with the facets it offers on this connection. A facet that is absent
 * here is not offered, even if {@link EntityDescriptor#directions()} would allow it (settings may turn
 * features off).
 */
public interface EntityAdapter {

    EntityDescriptor descriptor();

    /** Reads records page by page, when the entity flows inbound. */
    default Optional<PollSource> pollSource() {
        return Optional.empty();
    }

    /** Lists every current key, when the connector can: a host's reconciliation finds remote deletes with it. */
    default Optional<RecordKeys> keys() {
        return Optional.empty();
    }

    /** Writes records, when the entity flows outbound. */
    default Optional<EntityWriter> writer() {
        return Optional.empty();
    }
}
