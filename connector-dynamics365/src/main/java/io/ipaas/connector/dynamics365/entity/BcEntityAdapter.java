package io.ipaas.connector.dynamics365.entity;

import io.ipaas.connector.api.entity.EntityAdapter;
import io.ipaas.connector.api.entity.EntityDescriptor;
import io.ipaas.connector.api.poll.PollSource;
import java.util.Optional;

/** One entity of an opened connector and the facets it offers on this connection. */
public final class BcEntityAdapter implements EntityAdapter {
    private final EntityDefinition definition;
    private final PollSource pollSource;

    public BcEntityAdapter(EntityDefinition definition, PollSource pollSource) {
        this.definition = definition;
        this.pollSource = pollSource;
    }

    @Override
    public EntityDescriptor descriptor() {
        return definition.descriptor();
    }

    @Override
    public Optional<PollSource> pollSource() {
        return Optional.of(pollSource);
    }
}
