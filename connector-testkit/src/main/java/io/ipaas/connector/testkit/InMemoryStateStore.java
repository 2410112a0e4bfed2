package io.ipaas.connector.testkit;

import io.ipaas.connector.api.state.StateStore;
import io.ipaas.connector.api.state.Versioned;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link StateStore} in memory, with the same compare-and-set rules as a durable one. */
public final class InMemoryStateStore implements StateStore {
    private final Map<String, Versioned> values = new ConcurrentHashMap<>();

    @Override
    public Optional<Versioned> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    @Override
    public boolean compareAndSet(String key, long expectedVersion, Map<String, Object> value) {
        boolean[] written = {false};
        values.compute(key, (k, current) -> {
            long version = current == null ? 0 : current.version();
            if (version != expectedVersion) {
                return current;
            }
            written[0] = true;
            return new Versioned(Map.copyOf(value), version + 1);
        });
        return written[0];
    }

    @Override
    public void delete(String key) {
        values.remove(key);
    }
}
