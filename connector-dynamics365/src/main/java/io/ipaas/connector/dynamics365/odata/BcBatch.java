package io.ipaas.connector.dynamics365.odata;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.ipaas.connector.api.error.ConnectorException;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Sends up to {@link #MAX_REQUESTS} requests in one {@code $batch} in BC's JSON batch format (facts §4): one HTTP
 * request, a reply per inner request in the same order, each succeeding or failing on its own (no {@code Isolation}
 * header, so one bad order does not roll back the others).
 */
public final class BcBatch {
    /** Business Central online refuses a batch of more than 100 requests. */
    public static final int MAX_REQUESTS = 100;

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final BcHttpClient http;
    private final BcApiUrls urls;

    public BcBatch(BcHttpClient http, BcApiUrls urls) {
        this.http = http;
        this.urls = urls;
    }

    /**
     * One request inside a batch.
     *
     * @param url an absolute address under the API root (sent relative to it)
     * @param body the JSON body, or null
     */
    public record Request(String method, URI url, Map<String, String> headers, Map<String, Object> body) {
        public Request {
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(url, "url");
            headers = Map.copyOf(headers);
        }
    }

    /**
     * Sends the requests in one batch.
     *
     * @return one reply per request, in order
     * @throws ConnectorException when the batch as a whole got no usable answer (TRANSIENT for a timeout or a
     *     broken connection: the inner writes may or may not have happened; others as for any request)
     */
    public List<BcReply> send(List<Request> requests) {
        if (requests.isEmpty()) {
            return List.of();
        }
        if (requests.size() > MAX_REQUESTS) {
            throw new IllegalArgumentException(requests.size() + " requests; a batch holds at most " + MAX_REQUESTS);
        }
        List<Map<String, Object>> inner = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            Request request = requests.get(i);
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("id", "r" + (i + 1));
            json.put("method", request.method());
            json.put("url", urls.relativeToRoot(request.url()));
            Map<String, String> headers = new LinkedHashMap<>(request.headers());
            if (request.body() != null) {
                headers.putIfAbsent("Content-Type", "application/json");
                json.put("headers", headers);
                json.put("body", request.body());
            } else {
                json.put("headers", headers);
            }
            inner.add(json);
        }
        byte[] body;
        try {
            body = JSON.writeValueAsBytes(Map.of("requests", inner));
        } catch (JsonProcessingException e) {
            throw ConnectorException.internal("could not write a $batch body: " + e.getOriginalMessage(), e);
        }
        URI uri = urls.batch();
        BcReply reply = http.write("POST", uri, Map.of(), body);
        if (!reply.succeeded()) {
            throw BcErrors.classify(reply.error(), reply.retryAfter(), uri);
        }
        return replies(reply.body(), requests.size(), uri);
    }

    private static List<BcReply> replies(Map<String, Object> body, int expected, URI uri) {
        if (!(body.get("responses") instanceof List<?> responses)) {
            throw ConnectorException.remote(
                    "Business Central answered " + uri.getPath() + " without a \"responses\" array", null);
        }
        BcReply[] ordered = new BcReply[expected];
        for (Object element : responses) {
            if (!(element instanceof Map<?, ?> response)
                    || !(response.get("id") instanceof String id)
                    || !id.startsWith("r")
                    || !(response.get("status") instanceof Number status)) {
                throw ConnectorException.remote(
                        "Business Central answered " + uri.getPath() + " with a response that has no id or status",
                        null);
            }
            int index;
            try {
                index = Integer.parseInt(id.substring(1)) - 1;
            } catch (NumberFormatException e) {
                index = -1;
            }
            if (index < 0 || index >= expected) {
                throw ConnectorException.remote(
                        "Business Central answered " + uri.getPath() + " for request '" + id + "', which was not sent",
                        null);
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> inner =
                    response.get("body") instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
            ordered[index] = new BcReply(status.intValue(), inner, retryAfter(response.get("headers")));
        }
        for (int i = 0; i < expected; i++) {
            if (ordered[i] == null) {
                throw ConnectorException.remote(
                        "Business Central answered " + uri.getPath() + " without a reply for request r" + (i + 1),
                        null);
            }
        }
        return List.of(ordered);
    }

    private static Optional<java.time.Duration> retryAfter(Object headers) {
        if (headers instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> header : map.entrySet()) {
                if (String.valueOf(header.getKey()).equalsIgnoreCase("retry-after")) {
                    try {
                        return Optional.of(java.time.Duration.ofSeconds(
                                Long.parseLong(String.valueOf(header.getValue()).trim())));
                    } catch (NumberFormatException e) {
                        return Optional.empty();
                    }
                }
            }
        }
        return Optional.empty();
    }
}
