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
 * order with its status, headers and body. The batch is one request for the sandbox's limits and counters (BC's
 * count is unconfirmed). With {@code Isolation: snapshot} the caller runs all of them in one transaction and rolls it
 * back when {@link Answer#anyFailed()}; the answer still shows every request's own status. {@code dependsOn} is
 * ignored: the requests run in the order given.
 */
final class BatchRequests {
    static final int MAX_REQUESTS = 100;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Serves one inner request: routing and the answer, written into the given exchange. */
    interface Route {
        void serve(HttpExchange exchange, URI uri, ApiPath path, byte[] body) throws IOException;
    }

    private BatchRequests() {}

    /** The batch's answer as JSON, how many requests it held, and whether any of them failed (4xx or 5xx). */
    record Answer(byte[] json, int requests, boolean anyFailed) {}

    /** Whether the batch asks to run as one transaction: {@code Isolation: snapshot} (BC 17.1+). */
    static boolean snapshot(HttpExchange outer) {
        String isolation = outer.getRequestHeaders().getFirst("Isolation");
        return isolation != null && isolation.trim().equalsIgnoreCase("snapshot");
    }

    static Answer serve(HttpExchange outer, String origin, ApiPath path, byte[] body, Route route) throws IOException {
        if (!outer.getRequestMethod().equals("POST")) {
            throw BcErrors.methodNotAllowed(outer.getRequestMethod(), "$batch");
        }
        JsonNode requests = requests(body);
        boolean anyFailed = false;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(4096);
        try (JsonGenerator json = Json.generator(buffer)) {
            json.writeStartObject();
            json.writeArrayFieldStart("responses");
            for (Iterator<JsonNode> it = requests.elements(); it.hasNext(); ) {
                anyFailed |= answer(json, outer, origin, path, it.next(), route) >= 400;
            }
            json.writeEndArray();
            json.writeEndObject();
        }
        return new Answer(buffer.toByteArray(), requests.size(), anyFailed);
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

    private static String innerContentType(String value) {
        return value.startsWith("application/json; odata.metadata=minimal")
                ? "application/json; odata.metadata=minimal; odata.streaming=true"
                : value;
    }

    /** Serves one request of the batch and writes its answer; returns its status. */
    private static int answer(
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
            String name = header.getKey().toLowerCase(Locale.ROOT);
            // BC's inner answers carry no ETag (the body's @odata.etag has it) and a shorter content type
            // (fixture batch_response.json)
            if (!header.getValue().isEmpty() && !name.equals("etag")) {
                String value = header.getValue().get(0);
                json.writeStringField(name, name.equals("content-type") ? innerContentType(value) : value);
            }
        }
        json.writeEndObject();
        byte[] answer = inner.body();
        if (answer.length > 0) {
            json.writeFieldName("body");
            json.writeRawValue(new String(answer, java.nio.charset.StandardCharsets.UTF_8));
        }
        json.writeEndObject();
        return inner.status();
    }
}
