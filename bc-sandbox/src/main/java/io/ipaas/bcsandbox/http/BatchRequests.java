package io.ipaas.bcsandbox.http;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import io.ipaas.bcsandbox.odata.BcErrors;
import io.ipaas.bcsandbox.odata.BcException;
import io.ipaas.bcsandbox.odata.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

/**
 * {@code POST …/api/v2.0/$batch} in BC's JSON batch format (facts §4): at most 100 requests, each served by the same
 * routing as a request on the wire with the batch's credentials, each succeeding or failing on its own, answered in
 * order with its status, headers and body. The batch is one request for BC's limits and the sandbox's counters.
 * {@code Isolation: snapshot} (roll back all when one fails) is not emulated and is refused as such.
 */
final class BatchRequests {
    static final int MAX_REQUESTS = 100;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Serves one inner request: routing and the answer, written into the given exchange. */
    interface Route {
        void serve(HttpExchange exchange, URI uri, ApiPath path, byte[] body) throws IOException;
    }

    private BatchRequests() {}

    /** The batch's answer, as JSON. */
    static byte[] serve(HttpExchange outer, String origin, ApiPath path, byte[] body, Route route) throws IOException {
        if (!outer.getRequestMethod().equals("POST")) {
            throw BcErrors.methodNotAllowed(outer.getRequestMethod(), "$batch");
        }
        String isolation = outer.getRequestHeaders().getFirst("Isolation");
        if (isolation != null && isolation.trim().equalsIgnoreCase("snapshot")) {
            throw BcErrors.notEmulated("A $batch with 'Isolation: snapshot'");
        }
        JsonNode requests = requests(body);
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(4096);
        try (JsonGenerator json = Json.generator(buffer)) {
            json.writeStartObject();
            json.writeArrayFieldStart("responses");
            for (Iterator<JsonNode> it = requests.elements(); it.hasNext(); ) {
                answer(json, outer, origin, path, it.next(), route);
            }
            json.writeEndArray();
            json.writeEndObject();
        }
        return buffer.toByteArray();
    }

    private static JsonNode requests(byte[] body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            throw new BcException(400, "BadRequest", "The batch request body is not valid JSON.");
        }
        if (root == null || !root.path("requests").isArray()) {
            throw new BcException(
                    400, "BadRequest", "The batch request body must be an object with a 'requests' array.");
        }
        JsonNode requests = root.get("requests");
        if (requests.size() > MAX_REQUESTS) {
            throw new BcException(
                    400,
                    "BadRequest",
                    "The batch request has " + requests.size() + " operations; at most " + MAX_REQUESTS
                            + " are allowed in one batch.");
        }
        return requests;
    }

    private static void answer(
            JsonGenerator json, HttpExchange outer, String origin, ApiPath root, JsonNode request, Route route)
            throws IOException {
        String id = request.path("id").asText("");
        String method = request.path("method").asText("GET").toUpperCase(Locale.ROOT);
        Headers headers = new Headers();
        request.path("headers")
                .fields()
                .forEachRemaining(h -> headers.add(h.getKey(), h.getValue().asText()));
        byte[] body = request.has("body") ? JSON.writeValueAsBytes(request.get("body")) : new byte[0];
        InnerExchange inner = null;
        try {
            // URLs are relative to the API root; BC takes them with spaces as clients write them
            String relative = request.path("url").asText("").replace(" ", "%20");
            URI uri = URI.create(origin + root.rawRoot() + "/" + relative.replaceFirst("^/+", ""));
            inner = new InnerExchange(outer, method, uri, headers);
            ApiPath path = ApiPath.parse(uri.getRawPath()).orElseThrow(() -> BcErrors.noHttpResource(uri.toString()));
            route.serve(inner, uri, path, body);
        } catch (BcException e) {
            if (inner == null) {
                inner = new InnerExchange(outer, method, URI.create(origin), headers);
            }
            Responses.sendError(inner, e);
        } catch (IllegalArgumentException e) {
            inner = new InnerExchange(outer, method, URI.create(origin), headers);
            Responses.sendError(
                    inner, new BcException(400, "BadRequest_InvalidRequestUrl", "The request URL is invalid."));
        }
        json.writeStartObject();
        json.writeStringField("id", id);
        json.writeNumberField("status", inner.status());
        json.writeObjectFieldStart("headers");
        for (Map.Entry<String, java.util.List<String>> header :
                inner.getResponseHeaders().entrySet()) {
            if (!header.getValue().isEmpty()) {
                json.writeStringField(
                        header.getKey().toLowerCase(Locale.ROOT),
                        header.getValue().get(0));
            }
        }
        json.writeEndObject();
        byte[] answer = inner.body();
        if (answer.length > 0) {
            json.writeFieldName("body");
            json.writeRawValue(new String(answer, java.nio.charset.StandardCharsets.UTF_8));
        }
        json.writeEndObject();
    }
}
