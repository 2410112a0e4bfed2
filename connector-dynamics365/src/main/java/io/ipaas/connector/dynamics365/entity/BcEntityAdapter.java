package io.ipaas.connector.dynamics365.entity;

import io.ipaas.connector.api.entity.EntityAdapter;
import io.ipaas.connector.api.entity.EntityDescriptor;
import io.ipaas.connector.api.entity.EntityWriter;
import io.ipaas.connector.api.entity.RecordKeys;
import io.ipaas.connector.api.poll.PollSource;
import java.util.Optional;

/** One entity of an opened connector and the facets it offers on this connection. */
public final class BcEntityAdapter implements EntityAdapter {
    private final EntityDefinition definition;
    private final PollSource pollSource;
    private final Optional<EntityWriter> writer;
    private Optional<RecordKeys> keys = Optional.empty();

    public BcEntityAdapter(EntityDefinition definition, PollSource pollSource) {
        this(definition, pollSource, Optional.empty());
    }

    /** @param writer offered when the entity flows outbound */
    public BcEntityAdapter(EntityDefinition definition, PollSource pollSource, Optional<EntityWriter> writer) {
        this.definition = definition;
        this.pollSource = pollSource;
        this.writer = writer;
    }

    @Override
    public EntityDescriptor descriptor() {
        return definition.descriptor();
    }

    @Override
    public Optional<PollSource> pollSource() {
        return Optional.of(pollSource);
    }

    @Override
    public Optional<EntityWriter> writer() {
        return writer;
    }

    /** Offers the entity's key listing (for sets read from BC's API, not for computed ones). */
    public BcEntityAdapter withKeys(RecordKeys listing) {
        this.keys = Optional.of(listing);
        return this;
    }

    @Override
    public Optional<RecordKeys> keys() {
        return keys;
    }
}
