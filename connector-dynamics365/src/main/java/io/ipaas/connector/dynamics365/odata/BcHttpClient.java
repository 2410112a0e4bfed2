package io.ipaas.connector.dynamics365.odata;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.ipaas.connector.api.error.ConnectorException;
import io.ipaas.connector.dynamics365.auth.TokenSource;
import io.ipaas.connector.dynamics365.settings.BcSettings;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;

/**
 * Sends GET requests to Business Central with a bearer token and turns every answer into either parsed JSON
 * or a classified {@link ConnectorException}. Thread-safe.
 */
public final class BcHttpClient {
    private static final TypeReference<Map<String, Object>> JSON_OBJECT = new TypeReference<>() {};

    private final HttpClient http;
    private final TokenSource tokens;
    private final RequestCounters counters;
    private final System.Logger log;
    private final Duration requestTimeout;
    private final ObjectMapper mapper = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    public BcHttpClient(
            HttpClient http, TokenSource tokens, RequestCounters counters, System.Logger log, Duration requestTimeout) {
        this.http = http;
        this.tokens = tokens;
        this.counters = counters;
        this.log = log;
        this.requestTimeout = requestTimeout;
    }

    /**
     * GETs a JSON object. A 401 on a token we believed valid triggers exactly one forced token refresh and one
     * retry; a second 401 is reported.
     *
     * @param maxPageSize sent as {@code Prefer: odata.maxpagesize}, on every page including nextLinks
     */
    public Map<String, Object> get(URI uri, Optional<Integer> maxPageSize) {
        String token = tokens.accessToken();
        HttpResponse<byte[]> response = send(uri, token, maxPageSize);
        if (response.statusCode() == 401) {
            log.log(System.Logger.Level.INFO, "Business Central answered 401 on a cached token; refreshing it once");
            token = tokens.refreshAfterRejection(token);
            response = send(uri, token, maxPageSize);
        }
        if (response.statusCode() / 100 != 2) {
            throw BcErrors.classify(error(response), retryAfter(response), uri);
        }
        try {
            return mapper.readValue(response.body(), JSON_OBJECT);
        } catch (IOException e) {
            throw ConnectorException.transientFailure(
                    "Business Central sent a response that is not valid JSON for " + uri.getPath()
                            + "; this is usually a proxy or gateway fault, retrying later",
                    null,
                    e);
        }
    }

    private HttpResponse<byte[]> send(URI uri, String token, Optional<Integer> maxPageSize) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(requestTimeout)
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json")
                .GET();
        maxPageSize.ifPresent(size -> request.header("Prefer", "odata.maxpagesize=" + size));
        counters.increment(RequestCounters.HTTP_REQUESTS);
        log.log(System.Logger.Level.DEBUG, "GET {0}", uri);
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpTimeoutException e) {
            throw ConnectorException.transientFailure(
                    "Business Central did not answer within " + requestTimeout.toSeconds() + " s (" + uri.getHost()
                            + "); retrying later. If this repeats, lower " + BcSettings.PAGE_SIZE,
                    null,
                    e);
        } catch (IOException e) {
            throw ConnectorException.transientFailure(
                    "could not reach Business Central at " + uri.getHost() + ": "
                            + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage())
                            + "; check " + BcSettings.API_URL + " and the network, retrying later",
                    null,
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ConnectorException.transientFailure("interrupted while calling Business Central", null, e);
        }
    }

    private BcError error(HttpResponse<byte[]> response) {
        try {
            Map<String, Object> body = mapper.readValue(response.body(), JSON_OBJECT);
            if (body.get("error") instanceof Map<?, ?> error) {
                return BcError.of(response.statusCode(), (String) error.get("code"), (String) error.get("message"));
            }
        } catch (IOException | ClassCastException ignored) {
            // not BC's JSON error shape (a gateway page, an empty body): classify by status alone
        }
        return BcError.of(response.statusCode(), "", "");
    }

    static Optional<Duration> retryAfter(HttpResponse<?> response) {
        Optional<String> header = response.headers().firstValue("Retry-After");
        if (header.isEmpty()) {
            return Optional.empty();
        }
        String value = header.get().trim();
        try {
            return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(value))));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration wait = Duration.between(ZonedDateTime.now(at.getZone()), at);
                return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
            } catch (DateTimeParseException notADate) {
                return Optional.empty();
            }
        }
    }
}
