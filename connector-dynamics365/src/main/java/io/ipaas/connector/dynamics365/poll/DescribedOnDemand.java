package io.ipaas.connector.dynamics365.poll;

import io.ipaas.connector.api.entity.Record;
import io.ipaas.connector.api.poll.PollBatch;
import io.ipaas.connector.api.poll.PollRequest;
import io.ipaas.connector.api.poll.PollSource;
import io.ipaas.connector.dynamics365.entity.EntityDefinition;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A custom API page's reader, chosen on the first poll from the page's description (read from {@code $metadata}
 * then if the subscription check did not store one): opening a connection makes no request, and a page without
 * {@code lastModifiedDateTime} is never asked for it.
 */
public final class DescribedOnDemand implements PollSource {
    private final Supplier<Map<String, Object>> description;
    private final Function<Map<String, Object>, EntityDefinition> definition;
    private final Function<EntityDefinition, PollSource> reader;
    private PollSource delegate;

    public DescribedOnDemand(
            Supplier<Map<String, Object>> description,
            Function<Map<String, Object>, EntityDefinition> definition,
            Function<EntityDefinition, PollSource> reader) {
        this.description = description;
        this.definition = definition;
        this.reader = reader;
    }

    private synchronized PollSource delegate() {
        if (delegate == null) {
            delegate = reader.apply(definition.apply(description.get()));
        }
        return delegate;
    }

    @Override
    public PollBatch poll(PollRequest request) {
        return delegate().poll(request);
    }

    @Override
    public PollBatch stream(PollRequest request, Consumer<Record> records) {
        return delegate().stream(request, records);
    }
}
