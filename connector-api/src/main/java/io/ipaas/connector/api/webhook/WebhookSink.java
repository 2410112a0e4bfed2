package io.ipaas.connector.api.webhook;

import java.net.URI;

/**
 * Receives push notifications from the remote system.
 *
 * <p>Notices are hints: the host fetches the data through the entity's poll source, and a missed
 * notification is recovered by the next scheduled poll. Implementations validate every request (shape,
 * size, shared client state) before trusting it, and keep subscription facts in the state store.
 */
public interface WebhookSink {

    /** Creates a subscription for an entity, delivering to {@code notificationUrl}. */
    Subscription subscribe(String entity, URI notificationUrl);

    /** Extends a subscription before it expires. */
    Subscription renew(Subscription subscription);

    /** Removes a subscription; removing one that is already gone is not an error. */
    void unsubscribe(Subscription subscription);

    /**
     * Validates and interprets one incoming request. Must return quickly and must not fetch data.
     * Invalid requests produce an error status and no notices.
     */
    WebhookResponse handle(WebhookRequest request);
}
