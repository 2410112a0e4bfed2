package io.ipaas.connector.api;

import io.ipaas.connector.api.state.SecretStore;
import io.ipaas.connector.api.state.StateStore;
import java.net.URI;
import java.time.Clock;
import java.util.Optional;

/**
 * Services the host lends to one opened connector. Everything a connector persists goes through these
 * stores, so the host decides where and how it is kept (and encrypted).
 */
public interface ConnectorContext {

    /** Identifies the subscription this connector serves; stable across restarts. */
    String instanceId();

    /** Durable connector-owned state, scoped to this instance. */
    StateStore state();

    /** Secrets scoped to this instance (tokens, keys), encrypted at rest by the host. */
    SecretStore secrets();

    /** The clock to use for every expiry and timestamp decision, so tests can move time. */
    Clock clock();

    /**
     * The logger to use. The host routes it to its log; connectors must never pass a secret value to it.
     */
    System.Logger logger();

    /** Public base URL under which the host receives callbacks (OAuth redirects, webhooks), if it has one. */
    default Optional<URI> callbackBaseUrl() {
        return Optional.empty();
    }

    /**
     * The part (over 0, at most 1) of the remote account's request budget this process may spend for this instance.
     * 1 when the host is the only one calling with these credentials; a host that runs an instance's work on several
     * processes (Kafka Connect tasks on several workers) gives each its part, and a connector that keeps to the
     * remote system's limits scales those limits by it.
     */
    default double requestBudgetShare() {
        return 1.0;
    }
}
