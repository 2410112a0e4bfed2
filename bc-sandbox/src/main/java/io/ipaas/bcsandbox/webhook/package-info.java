/**
 * BC's API subscriptions (facts §5): the {@code subscriptions} endpoint with its handshake, expiry on the sandbox
 * clock, notifications batched per notification URL, {@code collection} above the threshold, BC's retry schedule
 * and deletion, and {@code webhookSupportedResources}.
 */
package io.ipaas.bcsandbox.webhook;
