package io.ipaas.connector.example;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ipaas.connector.api.error.ConnectorException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The contacts API over the JDK's HTTP client. Every request goes to the configured address with the API key;
 * redirects are never followed (the key would go along), and every failure becomes a classified
 * {@link ConnectorException} the host can act on.
 */
final class ContactsApi {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http;
    private final String baseUrl;
    private final ApiKeyAuth auth;
    private final Metrics metrics;
    private final Clock clock;
    private final System.Logger logger;

    ContactsApi(HttpClient http, URI baseUrl, ApiKeyAuth auth, Metrics metrics, Clock clock, System.Logger logger) {
        this.http = http;
        this.baseUrl = baseUrl.toString().replaceAll("/+$", "");
        this.auth = auth;
        this.metrics = metrics;
        this.clock = clock;
        this.logger = logger;
    }

    /** A GET that must answer 200 with a JSON object. */
    JsonNode get(String path, Map<String, String> query) {
        String queryString = query.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpResponse<String> response = send(
                request(path + (queryString.isEmpty() ? "" : "?" + queryString)).GET(), Set.of());
        if (response.statusCode() != 200) {
            throw unexpected(response);
        }
        return json(response);
    }

    /** A POST that must answer 200 or 201 with a JSON object. */
    JsonNode post(String path, JsonNode body) {
        HttpResponse<String> response = send(
                request(path)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body.toString())),
                Set.of());
        if (response.statusCode() != 200 && response.statusCode() != 201) {
            throw unexpected(response);
        }
        return json(response);
    }

    /** A PUT whose 4xx answers about the record itself (400, 409, 412, 422) are returned for the caller to judge. */
    HttpResponse<String> put(String path, JsonNode body, Optional<String> ifMatch) {
        HttpRequest.Builder request = request(path)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body.toString()));
        ifMatch.ifPresent(version -> request.header("If-Match", version));
        return send(request, Set.of(400, 409, 412, 422));
    }

    /** A DELETE; a 404 is returned (the caller decides whether "already gone" is fine). */
    HttpResponse<String> delete(String path) {
        return send(request(path).DELETE(), Set.of(404));
    }

    JsonNode json(HttpResponse<String> response) {
        try {
            JsonNode node = JSON.readTree(response.body());
            if (node == null || !node.isObject()) {
                throw new IOException("not a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw ConnectorException.remote(
                    describe(response) + " answered " + response.statusCode()
                            + " with a body that is not a JSON object: " + excerpt(response.body()),
                    e);
        }
    }

    private HttpRequest.Builder request(String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery))
                .timeout(REQUEST_TIMEOUT)
                .header("Accept", "application/json")
                .header(ApiKeyAuth.HEADER, auth.headerValue());
    }

    /** Sends; statuses in {@code theCallersToJudge} come back as they are, every other failure is thrown classified. */
    private HttpResponse<String> send(HttpRequest.Builder builder, Set<Integer> theCallersToJudge) {
        HttpRequest request = builder.build();
        long started = System.nanoTime();
        HttpResponse<String> response;
        try {
            metrics.httpRequests.incrementAndGet();
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpTimeoutException e) {
            throw ConnectorException.transientFailure(
                    request.method() + " " + request.uri().getPath() + " got no answer within "
                            + REQUEST_TIMEOUT.toSeconds() + " s; will retry",
                    null,
                    e);
        } catch (IOException e) {
            throw ConnectorException.transientFailure(
                    "could not reach " + request.uri().getHost() + " ("
                            + e.getClass().getSimpleName() + ": " + e.getMessage() + "); check "
                            + ExampleSettings.BASE_URL + " if this persists",
                    null,
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ConnectorException.transientFailure("interrupted while waiting for " + request.uri(), null, e);
        }
        logger.log(
                System.Logger.Level.DEBUG,
                "{0} {1} -> {2} in {3} ms",
                request.method(),
                request.uri().getPath(),
                response.statusCode(),
                (System.nanoTime() - started) / 1_000_000);
        return classify(response, theCallersToJudge);
    }

    private HttpResponse<String> classify(HttpResponse<String> response, Set<Integer> theCallersToJudge) {
        int status = response.statusCode();
        if (theCallersToJudge.contains(status)) {
            return response;
        }
        if (status == 401) {
            auth.refused(clock.instant());
            throw ConnectorException.authentication(
                    ExampleSettings.API_KEY,
                    "the API refused the key (401 " + errorMessage(response) + "); put a valid key in "
                            + ExampleSettings.API_KEY,
                    null);
        }
        if (status >= 200 && status < 300) {
            auth.accepted();
        }
        if (status == 403) {
            throw ConnectorException.permission(
                    "the API key may not do this (403 " + errorMessage(response) + " on " + describe(response)
                            + "); give the key's account access to contacts",
                    null);
        }
        if (status == 404) {
            throw ConnectorException.configuration(
                    ExampleSettings.BASE_URL,
                    "no contacts API at " + baseUrl + " (404 on " + describe(response) + "); check "
                            + ExampleSettings.BASE_URL);
        }
        if (status == 429 || status == 408 || status >= 500) {
            Optional<Duration> wait = RetryAfter.parse(response.headers().firstValue("Retry-After"), clock);
            throw ConnectorException.transientFailure(
                    describe(response) + " answered " + status + (status == 429 ? " (throttled)" : "")
                            + wait.map(d -> ", retry after " + d.toSeconds() + " s")
                                    .orElse(""),
                    wait.orElse(null),
                    null);
        }
        if (status >= 300 && status < 400) {
            throw ConnectorException.remote(
                    describe(response) + " redirected (" + status + ") to "
                            + response.headers().firstValue("Location").orElse("nowhere")
                            + "; the API key is never sent to another address, so set " + ExampleSettings.BASE_URL
                            + " to the final one",
                    null);
        }
        if (status >= 400) {
            throw unexpected(response);
        }
        return response;
    }

    ConnectorException unexpected(HttpResponse<String> response) {
        return ConnectorException.remote(
                describe(response) + " answered " + response.statusCode() + " " + errorMessage(response), null);
    }

    /** The API's {@code message} field, or an excerpt of whatever it sent. */
    static String errorMessage(HttpResponse<String> response) {
        try {
            JsonNode node = JSON.readTree(response.body());
            if (node != null && node.hasNonNull("message")) {
                return node.get("message").asText();
            }
        } catch (JsonProcessingException e) {
            // not JSON: fall through to the excerpt
        }
        return excerpt(response.body());
    }

    private static String describe(HttpResponse<String> response) {
        return response.request().method() + " " + response.request().uri().getPath();
    }

    static String excerpt(String body) {
        String line = body == null ? "" : body.strip().replaceAll("\\s+", " ");
        return line.isEmpty()
                ? "(empty body)"
                : "'" + (line.length() > 120 ? line.substring(0, 120) + "…" : line) + "'";
    }
}
