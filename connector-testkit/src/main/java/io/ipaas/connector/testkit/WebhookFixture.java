package io.ipaas.connector.testkit;

import io.ipaas.connector.api.webhook.Subscription;
import io.ipaas.connector.api.webhook.WebhookRequest;

/**
 * Incoming requests for the webhook cases, built as the remote system would send them for a subscription the
 * connector just made. The kit makes malformed requests itself (empty, truncated and non-JSON bodies).
 */
public interface WebhookFixture {

    /** The entity the kit subscribes to. */
    String entity();

    /** A genuine change notification on {@code subscription}, which the connector must accept. */
    WebhookRequest validNotification(Subscription subscription);

    /**
     * A request shaped like {@link #validNotification} that did not come from the remote system (a wrong client
     * state, a bad signature, another subscription's id), which the connector must reject.
     */
    WebhookRequest forgedNotification(Subscription subscription);
}
