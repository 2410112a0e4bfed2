package io.ipaas.connector.api;

import io.ipaas.connector.api.auth.AuthStrategy;
import io.ipaas.connector.api.entity.EntityAdapter;
import io.ipaas.connector.api.error.ConnectorException;
import io.ipaas.connector.api.webhook.WebhookSink;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One opened, configured connection to a remote system, created by {@link ConnectorFactory#open}.
 *
 * <p>Thread-safe: the host may poll several entities concurrently. Closing is idempotent.
 */
public interface Connector extends AutoCloseable {

    /** The entities this connection can read or write, with their facets. */
    List<EntityAdapter> entities();

    /** Finds an entity by name. */
    default EntityAdapter entity(String name) {
        return entities().stream()
                .filter(e -> e.descriptor().name().equals(name))
                .findFirst()
                .orElseThrow(
                        () -> ConnectorException.unsupported("entity '" + name + "' is not offered by this connector"));
    }

    /** How this connection authenticates, and the interactive steps the host may need to drive. */
    AuthStrategy auth();

    /** Push notifications, when the remote system offers them. */
    default Optional<WebhookSink> webhooks() {
        return Optional.empty();
    }

    /**
     * Tests the connection end to end (credentials, addressing, permissions) with as few requests as possible.
     *
     * @return a summary for the user
     * @throws ConnectorException classified, with a remediation message naming the setting to fix
     */
    CheckResult check();

    /**
     * Counters since open, for progress displays and benchmarks, e.g. {@code http.requests} and
     * {@code auth.tokenRequests}. Keys are dotted, values monotonic.
     */
    default Map<String, Long> metrics() {
        return Map.of();
    }

    /** Releases resources. Idempotent, never throws a checked exception. */
    @Override
    void close();
}
