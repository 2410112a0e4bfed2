package io.ipaas.harness.plugin;

import io.ipaas.connector.api.entity.Record;
import io.ipaas.connector.api.poll.PollBatch;
import io.ipaas.connector.api.poll.PollRequest;
import io.ipaas.connector.api.poll.PollSource;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A plugin's poll source whose every call runs with the plugin's class loader, for hosts that poll from threads of
 * their own. It forwards each method of {@link PollSource} itself: one left to its default would quietly run the
 * default instead of the plugin's override (a test checks that every method is forwarded).
 */
public final class PluginPollSource implements PollSource {
    private final PollSource source;
    private final ClassLoader loader;

    public PluginPollSource(PollSource source, ClassLoader loader) {
        this.source = Objects.requireNonNull(source, "source");
        this.loader = Objects.requireNonNull(loader, "loader");
    }

    @Override
    public PollBatch poll(PollRequest request) {
        return PluginCalls.withLoader(loader, () -> source.poll(request));
    }

    @Override
    public PollBatch stream(PollRequest request, Consumer<Record> records) {
        return PluginCalls.withLoader(loader, () -> source.stream(request, records));
    }
}
