/**
 * Business Central's webhooks (facts §5): subscriptions created, renewed and removed through the API with a secret
 * {@code clientState} each, the handshake answered only while one is being created or renewed, and every
 * notification checked (size, shape, subscription, client state in constant time) before it becomes a change notice.
 */
package io.ipaas.connector.dynamics365.webhook;
