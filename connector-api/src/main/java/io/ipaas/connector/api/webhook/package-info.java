/**
 * Push notifications: a {@link io.ipaas.connector.api.webhook.WebhookSink} subscribes at the remote system,
 * renews and removes subscriptions, and turns incoming HTTP requests into change notices (pointers, not
 * data) after validating them.
 */
package io.ipaas.connector.api.webhook;
