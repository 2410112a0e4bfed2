package io.ipaas.bcsandbox.http;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import io.ipaas.bcsandbox.api.ApiRouter;
import io.ipaas.bcsandbox.odata.BcErrors;
import io.ipaas.bcsandbox.odata.Json;
import io.ipaas.bcsandbox.webhook.Subscriptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code api/v2.0/subscriptions} (facts §5.1: environment-level, a quoted string key) and the runtime API's
 * {@code webhookSupportedResources} (facts §2.13).
 */
final class SubscriptionsEndpoint {
    /** Microsoft's runtime API route that lists what can be subscribed to. */
    static final String RUNTIME_ROUTE = "microsoft/runtime/beta";

    private static final Pattern ONE = Pattern.compile("^subscriptions(?:\\('([^']*)'\\))?$");
    private static final ObjectMapper JSON = new ObjectMapper();

    private SubscriptionsEndpoint() {}

    static int serve(
            HttpExchange exchange, Subscriptions subscriptions, ApiPath path, byte[] body, UUID caller, String root)
            throws IOException {
        Matcher one = ONE.matcher(path.segments().get(0));
        if (path.segments().size() != 1 || !one.matches()) {
            throw BcErrors.resourceNotFound(path.segments().get(path.segments().size() - 1));
        }
        String id = one.group(1);
        String method = exchange.getRequestMethod();
        String ifMatch = exchange.getRequestHeaders().getFirst("If-Match");
        String context = root + "/$metadata#subscriptions";
        if (id == null) {
            switch (method) {
                case "GET" -> {
                    return send(exchange, 200, Map.of("@odata.context", context, "value", subscriptions.all()));
                }
                case "POST" -> {
                    Map<String, Object> created = subscriptions.create(body, caller == null ? new UUID(0, 0) : caller);
                    exchange.getResponseHeaders()
                            .set("Location", root + "/subscriptions('" + created.get("subscriptionId") + "')");
                    return send(exchange, 201, withContext(context + "/$entity", created));
                }
                default -> throw BcErrors.methodNotAllowed(method, "subscriptions");
            }
        }
        switch (method) {
            case "GET" -> {
                return send(exchange, 200, withContext(context + "/$entity", subscriptions.get(id)));
            }
            case "PATCH" -> {
                return send(exchange, 200, withContext(context + "/$entity", subscriptions.renew(id, ifMatch, body)));
            }
            case "DELETE" -> {
                subscriptions.delete(id, ifMatch);
                exchange.sendResponseHeaders(204, -1);
                return 204;
            }
            default -> throw BcErrors.methodNotAllowed(method, "subscriptions");
        }
    }

    /** {@code api/microsoft/runtime/beta/companies({id})/webhookSupportedResources}: one entry per entity set. */
    static int supportedResources(HttpExchange exchange, ApiRouter router, ApiPath path, String root)
            throws IOException {
        List<String> segments = path.segments();
        Matcher company = Pattern.compile("^companies\\(([0-9a-fA-F-]{36})\\)$")
                .matcher(segments.isEmpty() ? "" : segments.get(0));
        if (segments.size() != 2 || !company.matches() || !segments.get(1).equals("webhookSupportedResources")) {
            throw BcErrors.noHttpResource(root + "/" + String.join("/", segments));
        }
        if (!exchange.getRequestMethod().equals("GET")) {
            throw BcErrors.methodNotAllowed(exchange.getRequestMethod(), "webhookSupportedResources");
        }
        router.resolve(List.of(segments.get(0)), java.util.Optional.empty()); // an unknown company is BC's 404
        List<Map<String, Object>> value = Subscriptions.SUPPORTED.stream()
                .sorted()
                .map(set -> Map.<String, Object>of("resource", "v2.0/" + set))
                .toList();
        return send(
                exchange,
                200,
                Map.of(
                        "@odata.context",
                        root + "/$metadata#companies(" + company.group(1) + ")/webhookSupportedResources",
                        "value",
                        value));
    }

    private static Map<String, Object> withContext(String context, Map<String, Object> entity) {
        Map<String, Object> all = new java.util.LinkedHashMap<>();
        all.put("@odata.context", context);
        all.putAll(entity);
        return all;
    }

    private static int send(HttpExchange exchange, int status, Map<String, Object> body) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(1024);
        try (JsonGenerator json = Json.generator(buffer)) {
            json.setCodec(JSON);
            json.writeObject(body);
        }
        Responses.odataHeaders(exchange);
        Responses.sendBytes(exchange, status, buffer.toByteArray());
        return status;
    }
}
