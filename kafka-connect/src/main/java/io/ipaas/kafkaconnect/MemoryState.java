package io.ipaas.kafkaconnect;

import io.ipaas.connector.api.state.Secret;
import io.ipaas.connector.api.state.SecretStore;
import io.ipaas.connector.api.state.StateStore;
import io.ipaas.connector.api.state.Versioned;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A task's connector state and secrets, in memory: Connect keeps no per-task store, the durable part of a sync is the
 * source offset, and what a connector keeps here (access tokens, described custom pages) is fetched again after a
 * restart. Secrets the user gives come through Connect's configuration and its config providers.
 */
final class MemoryState implements StateStore {
    private final Map<String, Versioned> state = new ConcurrentHashMap<>();
    private final Map<String, Secret> secrets = new ConcurrentHashMap<>();

    @Override
    public Optional<Versioned> get(String key) {
        return Optional.ofNullable(state.get(key));
    }

    @Override
    public synchronized boolean compareAndSet(String key, long expectedVersion, Map<String, Object> value) {
        long current = state.containsKey(key) ? state.get(key).version() : 0;
        if (current != expectedVersion) {
            return false;
        }
        state.put(key, new Versioned(Map.copyOf(value), current + 1));
        return true;
    }

    @Override
    public void delete(String key) {
        state.remove(key);
    }

    SecretStore secrets() {
        return new SecretStore() {
            @Override
            public Optional<Secret> get(String name) {
                return Optional.ofNullable(secrets.get(name));
            }

            @Override
            public void put(String name, Secret value) {
                secrets.put(name, value);
            }

            @Override
            public void delete(String name) {
                secrets.remove(name);
            }
        };
    }
}
