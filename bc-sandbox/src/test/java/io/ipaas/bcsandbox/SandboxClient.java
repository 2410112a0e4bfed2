package io.ipaas.bcsandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

/** A plain JDK HTTP/1.1 client for the tests: what any BC client would send, nothing sandbox-specific. */
final class SandboxClient {
    static final ObjectMapper MAPPER = new ObjectMapper();
    static final HttpClient HTTP =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private final BcSandbox sandbox;

    SandboxClient(BcSandbox sandbox) {
        this.sandbox = sandbox;
    }

    String root() {
        return sandbox.apiRoot().toString();
    }

    String items(UUID company) {
        return root() + "/companies(" + company + ")/items";
    }

    static String form(String... pairs) {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < pairs.length; i += 2) {
            body.append(body.length() == 0 ? "" : "&")
                    .append(URLEncoder.encode(pairs[i], StandardCharsets.UTF_8))
                    .append('=')
                    .append(URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
        }
        return body.toString();
    }

    static String clientCredentials(String clientId, String secret) {
        return form(
                "grant_type",
                "client_credentials",
                "client_id",
                clientId,
                "client_secret",
                secret,
                "scope",
                BcSandbox.BC_SCOPE);
    }

    HttpResponse<String> token(String tenant, String formBody) {
        return token(tenant, formBody, b -> {});
    }

    HttpResponse<String> token(String tenant, String formBody, Consumer<HttpRequest.Builder> extra) {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create(sandbox.baseUri() + "/" + tenant + "/oauth2/v2.0/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(formBody));
        extra.accept(request);
        return send(request.build());
    }

    String accessToken(String clientId, String secret) {
        HttpResponse<String> response = token(sandbox.tenantId(), clientCredentials(clientId, secret));
        assertEquals(200, response.statusCode(), response.body());
        return json(response).get("access_token").asText();
    }

    String accessToken() {
        return accessToken(BcSandbox.DEFAULT_CLIENT_ID, BcSandbox.DEFAULT_CLIENT_SECRET);
    }

    /** GET with optional bearer token and header name/value pairs. */
    static HttpResponse<String> get(String url, String token, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return send(request.build());
    }

    static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return MAPPER.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + response.body(), e);
        }
    }

    /** Follows @odata.nextLink verbatim, returning every page. */
    static List<JsonNode> allPages(String firstUrl, String token, String... headers) {
        List<JsonNode> pages = new ArrayList<>();
        String url = firstUrl;
        while (url != null) {
            HttpResponse<String> response = get(url, token, headers);
            assertEquals(200, response.statusCode(), response.body());
            JsonNode page = json(response);
            pages.add(page);
            url = page.hasNonNull("@odata.nextLink")
                    ? page.get("@odata.nextLink").asText()
                    : null;
        }
        return pages;
    }

    /** Asserts BC's error envelope, status and code, and the trailing correlation id. */
    static JsonNode assertBcError(HttpResponse<String> response, int status, String code) {
        assertEquals(status, response.statusCode(), response.body());
        JsonNode error = json(response).get("error");
        assertEquals(code, error.get("code").asText(), response.body());
        assertTrue(
                error.get("message").asText().matches("(?s).*  CorrelationId:  [0-9a-f-]{36}\\."),
                "message ends with BC's correlation id: " + error.get("message").asText());
        assertEquals(2, json(response).get("error").size(), "only code and message");
        return error;
    }

    static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
