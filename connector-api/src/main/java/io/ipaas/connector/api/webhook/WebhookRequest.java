package io.ipaas.connector.api.webhook;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An HTTP request the host received on a connector's webhook URL, passed on untrusted.
 *
 * @param method HTTP method
 * @param headers header values by lower-case name
 * @param query query parameters
 * @param body raw body bytes (the host has already capped the size)
 * @param receivedAt when the host received it
 */
public record WebhookRequest(
        String method, Map<String, List<String>> headers, Map<String, String> query, byte[] body, Instant receivedAt) {
    public WebhookRequest {
        Objects.requireNonNull(method, "method");
        headers = Map.copyOf(headers);
        query = Map.copyOf(query);
        body = body.clone();
        Objects.requireNonNull(receivedAt, "receivedAt");
    }

    @Override
    public byte[] body() {
        return body.clone();
    }
}
