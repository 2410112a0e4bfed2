package io.ipaas.connector.testkit;

import io.ipaas.connector.api.state.Secret;
import io.ipaas.connector.api.state.SecretStore;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A {@link SecretStore} in memory that remembers every value ever stored, for leak checks. */
public final class InMemorySecretStore implements SecretStore {
    private final Map<String, Secret> values = new ConcurrentHashMap<>();
    private final Collection<String> everStored = new java.util.concurrent.ConcurrentLinkedQueue<>();

    @Override
    public Optional<Secret> get(String name) {
        return Optional.ofNullable(values.get(name));
    }

    @Override
    public void put(String name, Secret value) {
        values.put(name, value);
        everStored.add(value.reveal());
    }

    @Override
    public void delete(String name) {
        values.remove(name);
    }

    /** Every clear value that was ever stored. */
    public List<String> everStored() {
        return List.copyOf(everStored);
    }
}
