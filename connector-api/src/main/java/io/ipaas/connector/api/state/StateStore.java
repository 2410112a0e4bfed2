package io.ipaas.connector.api.state;

import java.util.Map;
import java.util.Optional;

/**
 * Durable key → JSON-map store scoped to one connector instance, with versioned compare-and-set so two
 * workers can never both act on the same fact (for example renewing one webhook subscription).
 *
 * <p>Implementations are thread-safe and a successful write is durable when the method returns.
 */
public interface StateStore {

    /** Reads a value, or empty when the key was never written or was deleted. */
    Optional<Versioned> get(String key);

    /**
     * Writes {@code value} only if the stored version still equals {@code expectedVersion} (0 for "absent").
     *
     * @return true when written; false when someone else wrote first
     */
    boolean compareAndSet(String key, long expectedVersion, Map<String, Object> value);

    /** Removes a key; removing an absent key is not an error. */
    void delete(String key);
}
