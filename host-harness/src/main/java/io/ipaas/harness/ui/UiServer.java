package io.ipaas.harness.ui;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The host's web UI, served by {@code serve} on loopback. Nobody else on the machine can drive it: the first request
 * must carry the access token serve printed (it becomes an HttpOnly, SameSite=Lax session cookie), every form
 * carries the session's CSRF token, requests naming another host are refused (DNS rebinding), bodies above
 * {@value #MAX_BODY_BYTES} bytes are refused unread, and no page or response holds a secret.
 */
public final class UiServer implements AutoCloseable {
    static final int MAX_BODY_BYTES = 256 * 1024;
    private static final String COOKIE = "ipaas_ui";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final HttpServer server;
    private final ExecutorService executor;
    private final String accessToken = random();
    /** Session id → its CSRF token. */
    private final Map<String, String> sessions = new ConcurrentHashMap<>();

    private final Pages pages;

    private UiServer(HttpServer server, ExecutorService executor, UiBackend backend) {
        this.server = server;
        this.executor = executor;
        this.pages = new Pages(backend, java.net.URI.create("http://" + hostName() + ":" + port() + "/callback"));
    }

    /** Serves on {@code bind}:{@code port} (0: a free port). */
    public static UiServer start(InetAddress bind, int port, UiBackend backend) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(bind, port), 32);
        ExecutorService executor = Executors.newFixedThreadPool(4, r -> {
            Thread thread = new Thread(r, "web-ui");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        UiServer ui = new UiServer(server, executor, backend);
        server.createContext("/", ui::handle);
        server.start();
        return ui;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The address to open: it carries the access token once, then the session cookie does. */
    public String loginUrl() {
        return "http://" + hostName() + ":" + port() + "/login?token=" + accessToken;
    }

    private String hostName() {
        InetAddress address = server.getAddress().getAddress();
        return address.isAnyLocalAddress() ? "127.0.0.1" : address.getHostAddress();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Response response;
            try {
                response = route(exchange);
            } catch (RuntimeException e) {
                response = Response.html(
                        500,
                        Html.page(
                                "Error",
                                "<h1>Something went wrong</h1><p>" + Html.escape(e.getMessage())
                                        + "</p><p>The host's log has the details.</p>"));
            }
            send(exchange, response);
        }
    }

    private Response route(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        String method = exchange.getRequestMethod();
        if (!hostAllowed(exchange.getRequestHeaders().getFirst("Host"))) {
            return Response.text(421, "this UI answers only to the address serve printed");
        }
        if (path.startsWith("/static/")) {
            return Static.resource(path.substring("/static/".length()));
        }
        if (path.equals("/callback")) {
            // the identity provider's answer: no session needed (it may come back in a fresh browser), the state value
            // it carries is single-use, bound to its subscription and expires, and the code needs the sealed verifier
            return pages.callback(query(exchange));
        }
        if (path.equals("/login")) {
            String token = query(exchange).getOrDefault("token", List.of("")).get(0);
            if (!MessageDigest.isEqual(
                    token.getBytes(StandardCharsets.UTF_8), accessToken.getBytes(StandardCharsets.UTF_8))) {
                return Response.html(
                        403,
                        Html.page(
                                "Sign in",
                                "<h1>Open the address serve printed</h1>"
                                        + "<p>This UI needs the access token that <code>serve</code> printed when it started.</p>"));
            }
            String session = random();
            sessions.put(session, random());
            return Response.redirect("/")
                    // Lax: the way back from the identity provider is a top-level GET from its site; every change is
                    // a POST with the CSRF token
                    .withHeader("Set-Cookie", COOKIE + "=" + session + "; HttpOnly; SameSite=Lax; Path=/");
        }
        Optional<String> session = session(exchange);
        if (session.isEmpty()) {
            return Response.html(
                    401,
                    Html.page(
                            "Sign in",
                            "<h1>Open the address serve printed</h1>"
                                    + "<p>This UI needs the access token that <code>serve</code> printed when it started"
                                    + " (<code>web UI: http://127.0.0.1:…/login?token=…</code>).</p>"));
        }
        String csrf = sessions.get(session.get());
        if (method.equals("POST")) {
            Optional<Map<String, List<String>>> form = form(exchange);
            if (form.isEmpty()) {
                // the rest of the body is never read: the connection ends with this answer
                return Response.text(413, "the form is larger than " + MAX_BODY_BYTES / 1024 + " KiB")
                        .withHeader("Connection", "close");
            }
            String given = form.get().getOrDefault("_csrf", List.of("")).get(0);
            if (!MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), csrf.getBytes(StandardCharsets.UTF_8))) {
                return Response.text(403, "the form's CSRF token does not match this session; reload the page");
            }
            return pages.post(path, form.get(), csrf);
        }
        if (!method.equals("GET")) {
            return Response.text(405, "GET or POST only");
        }
        return pages.get(path, query(exchange), csrf);
    }

    /**
     * Only {@code localhost} or an IP address, on this port: a page from elsewhere that points its own DNS name at this
     * machine (DNS rebinding) names its host and is refused; nobody else is turned away.
     */
    private boolean hostAllowed(String host) {
        if (host == null) {
            return false;
        }
        String suffix = ":" + port();
        if (!host.endsWith(suffix)) {
            return false;
        }
        String name = host.substring(0, host.length() - suffix.length());
        return name.equals("localhost")
                || name.matches("\\d{1,3}(\\.\\d{1,3}){3}")
                || name.matches("\\[[0-9A-Fa-f:.]+]");
    }

    private Optional<String> session(HttpExchange exchange) {
        for (String header : exchange.getRequestHeaders().getOrDefault("Cookie", List.of())) {
            for (String part : header.split(";")) {
                String[] pair = part.strip().split("=", 2);
                if (pair.length == 2 && pair[0].equals(COOKIE) && sessions.containsKey(pair[1])) {
                    return Optional.of(pair[1]);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The urlencoded body, or empty when it is larger than allowed: a declared length above the limit is refused
     * before a byte of the body is read (a client that sent {@code Expect: 100-continue} sends none), a body without a
     * declared length is read up to the limit and no further.
     */
    private static Optional<Map<String, List<String>>> form(HttpExchange exchange) throws IOException {
        String length = exchange.getRequestHeaders().getFirst("Content-Length");
        if (length != null && Long.parseLong(length.strip()) > MAX_BODY_BYTES) {
            return Optional.empty();
        }
        InputStream in = exchange.getRequestBody();
        byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
        if (body.length > MAX_BODY_BYTES) {
            return Optional.empty();
        }
        in.close();
        return Optional.of(parse(new String(body, StandardCharsets.UTF_8)));
    }

    private static Map<String, List<String>> query(HttpExchange exchange) {
        String query = exchange.getRequestURI().getRawQuery();
        return query == null ? Map.of() : parse(query);
    }

    static Map<String, List<String>> parse(String urlencoded) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        for (String pair : urlencoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            String[] kv = pair.split("=", 2);
            String key = URLDecoder.decode(kv[0], StandardCharsets.UTF_8);
            String value = kv.length == 2 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "";
            values.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
        }
        return values;
    }

    private static void send(HttpExchange exchange, Response response) throws IOException {
        var headers = exchange.getResponseHeaders();
        headers.set("Content-Type", response.contentType());
        headers.set(
                "Content-Security-Policy",
                "default-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("Referrer-Policy", "no-referrer");
        headers.set("Cache-Control", "no-store");
        response.headers().forEach(headers::set);
        byte[] body = response.body();
        exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
    }

    private static String random() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
