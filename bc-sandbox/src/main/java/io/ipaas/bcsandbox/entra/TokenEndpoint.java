package io.ipaas.bcsandbox.entra;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.ipaas.bcsandbox.odata.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * {@code POST /{tenant}/oauth2/v2.0/token}, Entra's v2.0 token endpoint (facts §7.1–7.4). Parses the form
 * and client authentication, then lets the {@link GrantDispatcher} answer; errors get Entra's JSON shape
 * ({@code error}, {@code error_description} with trace/correlation id and timestamp, {@code error_codes}…).
 */
public final class TokenEndpoint implements HttpHandler {
    private static final DateTimeFormatter ENTRA_TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    private final Tenant tenant;
    private final GrantDispatcher dispatcher;
    private final Clock clock;
    private final Runnable onRequest;

    /**
     * @param onRequest called once per request (the sandbox counts token requests with it)
     */
    public TokenEndpoint(Tenant tenant, GrantDispatcher dispatcher, Clock clock, Runnable onRequest) {
        this.tenant = tenant;
        this.dispatcher = dispatcher;
        this.clock = clock;
        this.onRequest = onRequest;
    }

    /** True for paths this endpoint serves: {@code /{tenant}/oauth2/v2.0/token}. */
    public static boolean serves(String path) {
        String[] segments = path.split("/", -1);
        return segments.length == 5
                && segments[0].isEmpty()
                && !segments[1].isEmpty()
                && segments[2].equals("oauth2")
                && segments[3].equals("v2.0")
                && segments[4].equals("token");
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        onRequest.run();
        try {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String tenantSegment =
                    URLDecoder.decode(exchange.getRequestURI().getRawPath().split("/")[1], StandardCharsets.UTF_8);
            try {
                if (!tenant.matches(tenantSegment)) {
                    throw EntraErrors.tenantNotFound(tenantSegment);
                }
                if (!exchange.getRequestMethod().equals("POST")) {
                    throw EntraErrors.postOnly(exchange.getRequestMethod());
                }
                TokenRequest request = parse(exchange, body, tenantSegment);
                TokenResponse response = dispatcher.dispatch(request);
                send(exchange, 200, response.body());
            } catch (EntraException e) {
                send(
                        exchange,
                        e.status(),
                        errorBody(e, exchange.getRequestHeaders().getFirst("client-request-id")));
            }
        } finally {
            exchange.close();
        }
    }

    private TokenRequest parse(HttpExchange exchange, byte[] body, String tenantSegment) {
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        Map<String, String> form = new LinkedHashMap<>();
        if (contentType != null
                && contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            for (String pair : new String(body, StandardCharsets.UTF_8).split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String name = decode(eq < 0 ? pair : pair.substring(0, eq));
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                form.putIfAbsent(name, value);
            }
        }
        String basicId = null;
        String basicSecret = null;
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            String decoded;
            try {
                decoded = new String(
                        Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw EntraErrors.missingParameter("client_id");
            }
            int colon = decoded.indexOf(':');
            if (colon > 0) {
                // RFC 6749 §2.3.1: id and secret are form-encoded before base64
                basicId = decode(decoded.substring(0, colon));
                basicSecret = decode(decoded.substring(colon + 1));
            }
        }
        return new TokenRequest(tenant, form, basicId, basicSecret, tenantSegment);
    }

    private Map<String, Object> errorBody(EntraException e, String clientRequestId) {
        String traceId = UUID.randomUUID().toString();
        String correlationId =
                isGuid(clientRequestId) ? clientRequestId : UUID.randomUUID().toString();
        String timestamp = ENTRA_TIMESTAMP.format(clock.instant().truncatedTo(ChronoUnit.SECONDS));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", e.error());
        body.put(
                "error_description",
                e.prefixedDescription() + " Trace ID: " + traceId + " Correlation ID: " + correlationId + " Timestamp: "
                        + timestamp);
        body.put("error_codes", List.of(e.aadstsCode()));
        body.put("timestamp", timestamp);
        body.put("trace_id", traceId);
        body.put("correlation_id", correlationId);
        body.put("error_uri", "https://login.microsoftonline.com/error?code=" + e.aadstsCode());
        return body;
    }

    private static void send(HttpExchange exchange, int status, Map<String, Object> body) throws IOException {
        byte[] bytes = Json.MAPPER.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-store, no-cache");
        exchange.getResponseHeaders().set("Pragma", "no-cache");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text;
        }
    }

    private static boolean isGuid(String text) {
        if (text == null) {
            return false;
        }
        try {
            return UUID.fromString(text).toString().equalsIgnoreCase(text);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
