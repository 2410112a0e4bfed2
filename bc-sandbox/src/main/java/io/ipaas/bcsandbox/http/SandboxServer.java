package io.ipaas.bcsandbox.http;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.ipaas.bcsandbox.odata.ApiResponse;
import io.ipaas.bcsandbox.odata.BcFault;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** The JDK HTTP server on loopback, writing BC's headers and streaming JSON pages. */
public final class SandboxServer {
    public static final String JSON = "application/json; odata.metadata=minimal; odata.streaming=true; "
            + "IEEE754Compatible=false; charset=utf-8";

    /** Handles one exchange; throws {@link BcFault.Raised} to answer with a BC error. */
    public interface Handler {
        void handle(HttpExchange exchange) throws IOException;
    }

    private final HttpServer server;
    private final ExecutorService executor;

    public SandboxServer(int port, Handler handler, ObjectMapper mapper) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 100);
        executor = Executors.newFixedThreadPool(8, runnable -> {
            Thread thread = new Thread(runnable, "bc-sandbox-http");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/", exchange -> {
            try (exchange) {
                try {
                    handler.handle(exchange);
                } catch (BcFault.Raised raised) {
                    sendFault(exchange, raised.fault(), mapper);
                } catch (RuntimeException e) {
                    sendFault(exchange, BcFault.of(500, "Internal_ServerError", "An unexpected error occurred: " + e), mapper);
                }
            }
        });
    }

    public void start() {
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public void stop() {
        server.stop(0);
        executor.shutdownNow();
    }

    public static void sendFault(HttpExchange exchange, BcFault fault, ObjectMapper mapper) throws IOException {
        fault.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        sendJson(exchange, fault.status(), fault.body(mapper).getBytes(StandardCharsets.UTF_8), JSON);
    }

    public static void sendJson(HttpExchange exchange, int status, byte[] body, String contentType) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /** Writes an API response, streaming a listing's records rather than building one large string. */
    public static void send(HttpExchange exchange, ApiResponse response, ObjectMapper mapper) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", JSON);
        exchange.getResponseHeaders().set("OData-Version", "4.0");
        response.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        if (response.document() != null) {
            sendJson(exchange, response.status(), mapper.writeValueAsBytes(response.document()), JSON);
            return;
        }
        exchange.sendResponseHeaders(response.status(), 0);
        try (OutputStream out = exchange.getResponseBody();
             JsonGenerator json = mapper.getFactory().createGenerator(out, JsonEncoding.UTF8)) {
            json.writeStartObject();
            json.writeStringField("@odata.context", response.context());
            json.writeArrayFieldStart("value");
            for (Map<String, Object> record : response.records()) {
                json.writeObject(record);
            }
            json.writeEndArray();
            if (response.nextLink() != null) {
                json.writeStringField("@odata.nextLink", response.nextLink());
            }
            json.writeEndObject();
        }
    }
}
