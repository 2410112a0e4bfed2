package io.ipaas.harness.sync;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.ipaas.connector.api.webhook.WebhookRequest;
import io.ipaas.connector.api.webhook.WebhookResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The host's webhook endpoint: {@code /webhooks/{token}}, one unguessable token per subscription and entity. A request
 * is read up to {@link #MAX_BODY_BYTES} (a larger one is refused unread), handed to whoever owns the token, and
 * answered only after that owner stored what it accepted: a 2xx means the notices are durable.
 */
public final class WebhookEndpoint implements AutoCloseable {
    /** BC collapses more than 1,000 changes into one entry; its bodies stay far below this. */
    public static final int MAX_BODY_BYTES = 1024 * 1024;

    /** Handles one request for a token; empty when the token is unknown. */
    public interface Receiver {
        Optional<WebhookResponse> receive(String token, WebhookRequest request);
    }

    private final HttpServer server;
    private final ExecutorService executor;

    private WebhookEndpoint(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** Serves on {@code bind}:{@code port} (0 = a free port). */
    public static WebhookEndpoint start(InetAddress bind, int port, Receiver receiver, Clock clock) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(bind, port), 64);
        ExecutorService executor = Executors.newFixedThreadPool(8, r -> {
            Thread thread = new Thread(r, "webhook-endpoint");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/webhooks/", exchange -> {
            try {
                serve(exchange, receiver, clock);
            } catch (RuntimeException e) {
                // the remote retries a 503; nothing was acknowledged
                send(
                        exchange,
                        503,
                        "text/plain",
                        "the host could not take the request".getBytes(StandardCharsets.UTF_8));
            } finally {
                exchange.close();
            }
        });
        server.start();
        return new WebhookEndpoint(server, executor);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private static void serve(HttpExchange exchange, WebhookEndpoint.Receiver receiver, Clock clock)
            throws IOException {
        String token = exchange.getRequestURI().getRawPath().substring("/webhooks/".length());
        if (!token.matches("[A-Za-z0-9_-]{16,64}")) {
            send(exchange, 404, "text/plain", new byte[0]);
            return;
        }
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readNBytes(MAX_BODY_BYTES + 1);
        }
        if (body.length > MAX_BODY_BYTES) {
            send(exchange, 413, "text/plain", "the body is larger than 1 MiB".getBytes(StandardCharsets.UTF_8));
            return;
        }
        WebhookRequest request = WebhookRequest.of(
                exchange.getRequestMethod(),
                exchange.getRequestHeaders(),
                exchange.getRequestURI().getRawQuery(),
                body,
                clock.instant());
        Optional<WebhookResponse> response = receiver.receive(token, request);
        if (response.isEmpty()) {
            send(exchange, 404, "text/plain", new byte[0]);
            return;
        }
        send(
                exchange,
                response.get().status(),
                response.get().contentType(),
                response.get().body());
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
