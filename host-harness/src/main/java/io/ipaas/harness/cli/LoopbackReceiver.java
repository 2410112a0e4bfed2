package io.ipaas.harness.cli;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Listens on a loopback port for the identity provider's redirect, the way command-line sign-ins do: the browser
 * lands on {@code http://127.0.0.1:PORT/callback?code=…&state=…}, which never leaves this machine.
 */
final class LoopbackReceiver implements AutoCloseable {
    private static final int MAX_QUERY = 16 * 1024;

    private final HttpServer server;
    private final CompletableFuture<Map<String, String>> callback = new CompletableFuture<>();

    LoopbackReceiver(int port) {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 4);
        } catch (IOException e) {
            throw UserFailure.badInput("cannot listen on 127.0.0.1:" + port + " (" + e.getMessage()
                    + "); pass another --port " + "or use --paste");
        }
        server.createContext("/callback", exchange -> {
            try (exchange) {
                String query = exchange.getRequestURI().getRawQuery();
                boolean plausible = query != null
                        && query.length() <= MAX_QUERY
                        && (query.contains("code=") || query.contains("error="));
                String page = plausible
                        ? "<h1>Sign-in received</h1><p>You can close this window and return to the terminal.</p>"
                        : "<h1>Not a sign-in answer</h1><p>This address only accepts the redirect of a sign-in.</p>";
                byte[] body = ("<!doctype html><meta charset=utf-8><title>Sign-in</title>" + page)
                        .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
                exchange.sendResponseHeaders(plausible ? 200 : 400, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
                if (plausible) {
                    callback.complete(SignIn.query(query));
                }
            }
        });
        server.start();
    }

    URI redirectUri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/callback");
    }

    Optional<Map<String, String>> await(Duration timeout) {
        try {
            return Optional.of(callback.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (ExecutionException e) {
            throw new UncheckedIOException(new IOException(e.getCause()));
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
