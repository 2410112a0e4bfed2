package io.ipaas.connector.api.webhook;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
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

    /**
     * A request as an HTTP server hands it over, in the shape connectors read: header names in lower case, the raw
     * query decoded (the first of a repeated name kept; a parameter with a malformed escape left out), so every host
     * hands connectors the same request.
     */
    public static WebhookRequest of(
            String method, Map<String, List<String>> rawHeaders, String rawQuery, byte[] body, Instant receivedAt) {
        Map<String, List<String>> headers = new HashMap<>();
        rawHeaders.forEach(
                (name, values) -> headers.merge(name.toLowerCase(Locale.ROOT), List.copyOf(values), (a, b) -> {
                    List<String> both = new ArrayList<>(a);
                    both.addAll(b);
                    return List.copyOf(both);
                }));
        Map<String, String> query = new HashMap<>();
        if (rawQuery != null && !rawQuery.isEmpty()) {
            for (String pair : rawQuery.split("&")) {
                int eq = pair.indexOf('=');
                String name = eq < 0 ? pair : pair.substring(0, eq);
                String value = eq < 0 ? "" : pair.substring(eq + 1);
                try {
                    query.putIfAbsent(
                            URLDecoder.decode(name, StandardCharsets.UTF_8),
                            URLDecoder.decode(value, StandardCharsets.UTF_8));
                } catch (IllegalArgumentException e) {
                    // a malformed escape: the connector sees no such parameter
                }
            }
        }
        return new WebhookRequest(method, headers, query, body, receivedAt);
    }
}
