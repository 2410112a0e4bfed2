package io.ipaas.bcsandbox.http;

import com.fasterxml.jackson.core.JsonGenerator;
import com.sun.net.httpserver.HttpExchange;
import io.ipaas.bcsandbox.odata.BcException;
import io.ipaas.bcsandbox.odata.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.UUID;

/** Response headers and bodies as BC sends them. */
final class Responses {
    /** BC's Content-Type for API JSON. */
    static final String ODATA_JSON =
            "application/json; odata.metadata=minimal; odata.streaming=true; IEEE754Compatible=false; charset=utf-8";

    private Responses() {}

    static void odataHeaders(HttpExchange exchange) {
        exchange.getResponseHeaders().set("Content-Type", ODATA_JSON);
        exchange.getResponseHeaders().set("OData-Version", "4.0");
    }

    static void sendBytes(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /** {@code {"error":{"code":…,"message":"…  CorrelationId:  <guid>."}}} with the error's headers. */
    static void sendError(HttpExchange exchange, BcException error) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(256);
        try (JsonGenerator json = Json.generator(buffer)) {
            json.writeStartObject();
            json.writeObjectFieldStart("error");
            json.writeStringField("code", error.code());
            json.writeStringField("message", error.getMessage() + "  CorrelationId:  " + UUID.randomUUID() + ".");
            json.writeEndObject();
            json.writeEndObject();
        }
        odataHeaders(exchange);
        error.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        sendBytes(exchange, error.status(), buffer.toByteArray());
    }
}
