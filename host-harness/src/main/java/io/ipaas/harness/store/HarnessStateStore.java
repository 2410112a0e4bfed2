package io.ipaas.harness.store;

import io.ipaas.connector.api.state.StateStore;
import io.ipaas.connector.api.state.Versioned;
import java.util.Map;
import java.util.Optional;

/** The SPI's {@link StateStore} for one subscription, kept in the harness store. */
public final class HarnessStateStore implements StateStore {
    private final Store store;
    private final String subscriptionId;

    public HarnessStateStore(Store store, String subscriptionId) {
        this.store = store;
        this.subscriptionId = subscriptionId;
    }

    @Override
    public Optional<Versioned> get(String key) {
        return store.state(subscriptionId, key).map(e -> new Versioned(e.getKey(), e.getValue()));
    }

    @Override
    public boolean compareAndSet(String key, long expectedVersion, Map<String, Object> value) {
        return store.compareAndSetState(subscriptionId, key, expectedVersion, value);
    }

    @Override
    public void delete(String key) {
        store.deleteState(subscriptionId, key);
    }
}
