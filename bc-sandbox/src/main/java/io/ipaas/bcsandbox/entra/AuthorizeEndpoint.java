package io.ipaas.bcsandbox.entra;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /{tenant}/oauth2/v2.0/authorize} (facts §7.3), non-interactive: the sandbox's one user has already
 * signed in and consented, so a valid request is answered at once with a 302 to the redirect URI carrying
 * {@code code} and {@code state}. Problems that make the redirect URI untrustworthy (unknown app, a redirect
 * URI that is not registered) are shown as a page, as Entra does; the rest go back to the client as
 * {@code error} and {@code error_description}. Registered redirect URIs: any loopback address and port.
 */
public final class AuthorizeEndpoint implements HttpHandler {
    private final Tenant tenant;
    private final ClientRegistry registry;
    private final DelegatedSessions sessions;
    private final Runnable onRequest;

    public AuthorizeEndpoint(Tenant tenant, ClientRegistry registry, DelegatedSessions sessions, Runnable onRequest) {
        this.tenant = tenant;
        this.registry = registry;
        this.sessions = sessions;
        this.onRequest = onRequest;
    }

    /** True for {@code /{tenant}/oauth2/v2.0/authorize}. */
    public static boolean serves(String path) {
        String[] segments = path.split("/", -1);
        return segments.length == 5
                && segments[0].isEmpty()
                && !segments[1].isEmpty()
                && segments[2].equals("oauth2")
                && segments[3].equals("v2.0")
                && segments[4].equals("authorize");
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        onRequest.run();
        try (exchange) {
            String tenantSegment =
                    URLDecoder.decode(exchange.getRequestURI().getRawPath().split("/")[1], StandardCharsets.UTF_8);
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            if (!tenant.matches(tenantSegment)) {
                page(exchange, 400, "AADSTS90002: Tenant '" + tenantSegment + "' not found.");
                return;
            }
            String clientId = query.get("client_id");
            if (clientId == null || registry.find(clientId).isEmpty()) {
                page(
                        exchange,
                        400,
                        "AADSTS700016: Application with identifier '" + clientId + "' was not found in the "
                                + "directory.");
                return;
            }
            String redirect = query.get("redirect_uri");
            if (redirect == null || !loopback(redirect)) {
                page(
                        exchange,
                        400,
                        "AADSTS50011: The redirect URI '" + redirect + "' specified in the request does not match "
                                + "the redirect URIs configured for the application '" + clientId + "'.");
                return;
            }
            String state = query.get("state");
            if (!"code".equals(query.get("response_type"))) {
                redirect(
                        exchange,
                        redirect,
                        Map.of(
                                "error",
                                "unsupported_response_type",
                                "error_description",
                                "AADSTS70005: response_type '" + query.get("response_type")
                                        + "' is not enabled for the client."),
                        state);
                return;
            }
            String scope = query.get("scope");
            try {
                DelegatedScopes.check(scope);
            } catch (EntraException e) {
                redirect(
                        exchange,
                        redirect,
                        Map.of("error", "invalid_scope", "error_description", e.prefixedDescription()),
                        state);
                return;
            }
            String challenge = query.get("code_challenge");
            String method = query.getOrDefault("code_challenge_method", "plain");
            if (challenge != null && !method.equals("S256") && !method.equals("plain")) {
                redirect(
                        exchange,
                        redirect,
                        Map.of(
                                "error",
                                "invalid_request",
                                "error_description",
                                "AADSTS501491: Invalid code_challenge_method."),
                        state);
                return;
            }
            String code = sessions.issueCode(clientId, redirect, challenge, method, scope);
            redirect(exchange, redirect, Map.of("code", code), state);
        }
    }

    private static boolean loopback(String redirect) {
        try {
            URI uri = URI.create(redirect);
            return "http".equals(uri.getScheme())
                    && ("127.0.0.1".equals(uri.getHost()) || "localhost".equals(uri.getHost()));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static void redirect(
            HttpExchange exchange, String redirectUri, Map<String, String> parameters, String state)
            throws IOException {
        Map<String, String> all = new LinkedHashMap<>(parameters);
        if (state != null) {
            all.put("state", state);
        }
        StringBuilder location = new StringBuilder(redirectUri).append(redirectUri.contains("?") ? '&' : '?');
        all.forEach((name, value) -> location.append(name)
                .append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8))
                .append('&'));
        location.setLength(location.length() - 1);
        exchange.getResponseHeaders().set("Location", location.toString());
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(302, -1);
    }

    private static void page(HttpExchange exchange, int status, String message) throws IOException {
        byte[] body =
                ("<!doctype html><meta charset=utf-8><title>Sign in to your account</title><h1>Sorry, but we're having "
                                + "trouble signing you in.</h1><p>" + message.replace("<", "&lt;") + "</p>")
                        .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> query = new LinkedHashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    query.putIfAbsent(
                            URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return query;
    }
}
