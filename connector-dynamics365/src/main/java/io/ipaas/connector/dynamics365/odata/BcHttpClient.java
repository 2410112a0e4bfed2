package io.ipaas.connector.dynamics365.odata;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.ipaas.connector.api.error.ConnectorException;
import io.ipaas.connector.dynamics365.auth.TokenSource;
import io.ipaas.connector.dynamics365.settings.BcSettings;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Sends GET requests to Business Central with a bearer token and streams every collection page into its
 * entities, or turns the answer into a classified {@link ConnectorException}. Thread-safe.
 *
 * <p>A body is read straight from the response stream and is bounded by the request timeout as a whole: a
 * server that sends headers and then stalls is cut off, not waited for.
 */
public final class BcHttpClient {
    private static final TypeReference<Map<String, Object>> JSON_OBJECT = new TypeReference<>() {};
    /** BC's error bodies are a few hundred bytes; anything beyond this is a gateway page we only classify. */
    private static final int MAX_ERROR_BODY = 64 * 1024;
    /** The longest the client waits for the five-minute budget itself; beyond it the host is told when to retry. */
    static final Duration BUDGET_WAIT = Duration.ofSeconds(30);

    private final HttpClient http;
    private final TokenSource tokens;
    private final RequestCounters counters;
    private final System.Logger log;
    private final Duration requestTimeout;
    private final ObjectMapper errorMapper = JsonMapper.builder().build();
    private final RateGovernor governor;
    private final RetryPolicy retries;

    /**
     * @param governor the limits of the environment and principal, shared with every other connection to them
     */
    public BcHttpClient(
            HttpClient http,
            TokenSource tokens,
            RequestCounters counters,
            System.Logger log,
            Duration requestTimeout,
            RateGovernor governor) {
        this(http, tokens, counters, log, requestTimeout, governor, RetryPolicy.STANDARD);
    }

    /** @param retries how failed reads are repeated inside the client before the host is told */
    public BcHttpClient(
            HttpClient http,
            TokenSource tokens,
            RequestCounters counters,
            System.Logger log,
            Duration requestTimeout,
            RateGovernor governor,
            RetryPolicy retries) {
        this.retries = retries;
        this.governor = governor;
        this.http = http;
        this.tokens = tokens;
        this.counters = counters;
        this.log = log;
        this.requestTimeout = requestTimeout;
    }

    /**
     * GETs one collection page and hands each entity to {@code entities} while the body is still arriving. A 401
     * on a token we believed valid triggers exactly one forced token refresh and one retry; a second 401 is
     * reported.
     *
     * @param maxPageSize sent as {@code Prefer: odata.maxpagesize}, on every page including nextLinks
     * @return the page's {@code @odata.nextLink} exactly as sent (not validated here)
     * @throws ConnectorException REMOTE for a redirect, a body that is not JSON or not a collection page;
     *     TRANSIENT for timeouts, broken connections and throttling; others per {@link BcErrors}
     */
    public Optional<String> page(URI uri, Optional<Integer> maxPageSize, Consumer<ODataEntity> entities) {
        int[] handed = {0};
        Consumer<ODataEntity> counting = entity -> {
            handed[0]++;
            entities.accept(entity);
        };
        for (int retry = 1; ; retry++) {
            try {
                // the slot is held until the body is read: BC counts a request as in flight while it streams the page
                try (RateGovernor.Slot slot = governor.enter(requestTimeout)) {
                    return pageInSlot(uri, maxPageSize, counting);
                }
            } catch (ConnectorException failure) {
                // once entities went to the caller the page cannot be read again unseen: the host forgets them
                Optional<Duration> delay = handed[0] > 0
                        ? Optional.empty()
                        : retries.delay(failure, retry, ThreadLocalRandom.current()::nextDouble);
                if (delay.isEmpty()) {
                    throw failure;
                }
                counters.increment(RequestCounters.HTTP_RETRIES);
                log.log(
                        System.Logger.Level.INFO,
                        "{0}; trying again in {1} ms (retry {2} of {3})",
                        failure.getMessage().replace("; retrying later", ""),
                        delay.get().toMillis(),
                        retry,
                        retries.retries());
                sleep(delay.get());
            }
        }
    }

    /**
     * GETs a service's {@code $metadata} (CSDL XML, at most {@link #MAX_METADATA_BYTES}), with the same token
     * handling, limits and errors as a page; not retried (it is read once, when a subscription is checked).
     */
    public String metadata(URI uri) {
        try (RateGovernor.Slot slot = governor.enter(requestTimeout)) {
            InputStream body = sendForSuccess(uri, Optional.empty(), "application/xml")
                    .response()
                    .body();
            try (body) {
                byte[] bytes = withDeadline(body, uri, () -> body.readNBytes(MAX_METADATA_BYTES + 1));
                if (bytes.length > MAX_METADATA_BYTES) {
                    throw ConnectorException.remote(
                            "Business Central's " + uri.getPath() + " is larger than " + MAX_METADATA_BYTES
                                    + " bytes; not read",
                            null);
                }
                return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw ConnectorException.transientFailure(
                        "the connection to Business Central broke while reading " + uri.getPath() + "; retrying later",
                        null,
                        e);
            }
        }
    }

    /**
     * Sends a write (POST, PATCH, DELETE, or a {@code $batch}) once, with the same token handling, limits and
     * redirect refusal as a read, and returns BC's answer whatever its status: the caller decides per record what
     * a failure means. Never repeated here, since a repeated POST may create twice.
     *
     * @param headers extra headers (If-Match, Isolation)
     * @param json the body, or null for none
     * @throws ConnectorException TRANSIENT when no answer came (timeout, broken connection: the write may or may
     *     not have happened); AUTHENTICATION after a second 401; REMOTE for a redirect or a body that is not JSON
     */
    public BcReply write(String method, URI uri, Map<String, String> headers, byte[] json) {
        try (RateGovernor.Slot slot = governor.enter(requestTimeout)) {
            HttpRequest.BodyPublisher body =
                    json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(json);
            String token = tokens.accessToken();
            HttpResponse<InputStream> response = send(uri, token, method, body, headers);
            if (response.statusCode() == 401) {
                discard(response);
                token = tokens.refreshAfterRejection(token);
                response = send(uri, token, method, body, headers);
            }
            int status = response.statusCode();
            if (status / 100 == 3) {
                discard(response);
                throw redirect(response, uri);
            }
            if (status == 401) {
                throw BcErrors.classify(error(response, uri), Optional.empty(), uri);
            }
            Optional<Duration> retryAfter = retryAfter(response);
            byte[] bytes;
            try (InputStream in = response.body()) {
                bytes = withDeadline(in, uri, () -> in.readNBytes(MAX_WRITE_REPLY + 1));
            } catch (IOException e) {
                throw ConnectorException.transientFailure(
                        "the connection to Business Central broke while it answered " + method + " " + uri.getPath()
                                + "; the write may have happened",
                        null,
                        e);
            }
            if (bytes.length > MAX_WRITE_REPLY) {
                throw ConnectorException.remote(
                        "Business Central's answer to " + method + " " + uri.getPath() + " is larger than "
                                + MAX_WRITE_REPLY + " bytes; not read",
                        null);
            }
            if (bytes.length == 0) {
                return new BcReply(status, Map.of(), retryAfter);
            }
            try {
                return new BcReply(status, errorMapper.readValue(bytes, JSON_OBJECT), retryAfter);
            } catch (IOException e) {
                if (status / 100 != 2) {
                    // a gateway's page instead of BC's error: the status alone says what happened
                    return new BcReply(status, Map.of(), retryAfter);
                }
                throw ConnectorException.remote(
                        "Business Central answered " + method + " " + uri.getPath() + " with HTTP " + status
                                + " and a body that is not JSON: "
                                + BodySnippet.of(
                                        new String(bytes, 0, Math.min(bytes.length, 200), StandardCharsets.UTF_8),
                                        token),
                        e);
            }
        }
    }

    /** A $batch of 100 orders with their lines answers in a few megabytes. */
    static final int MAX_WRITE_REPLY = 64 * 1024 * 1024;

    /** A custom route's $metadata is tens of kilobytes; the standard API's a few megabytes. */
    static final int MAX_METADATA_BYTES = 16 * 1024 * 1024;

    private static void sleep(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ConnectorException.transientFailure("interrupted while waiting to retry Business Central", null, e);
        }
    }

    private Optional<String> pageInSlot(URI uri, Optional<Integer> maxPageSize, Consumer<ODataEntity> entities) {
        Answer answer = sendForSuccess(uri, maxPageSize, "application/json");
        HttpResponse<InputStream> response = answer.response();
        String token = answer.token();
        int status = response.statusCode();
        Optional<String> contentType = response.headers().firstValue("Content-Type");
        if (contentType.isPresent()
                && !contentType.get().toLowerCase(Locale.ROOT).contains("json")) {
            String start = readPrefix(response, uri);
            throw ConnectorException.remote(
                    "Business Central answered " + uri.getPath() + " with HTTP " + status + " and '"
                            + contentType.get() + "' instead of JSON: " + BodySnippet.of(start, token)
                            + "; a proxy or gateway in between may have answered instead; nothing was stored",
                    null);
        }
        PrefixRecordingInputStream body = new PrefixRecordingInputStream(response.body(), BodySnippet.RECORDED_BYTES);
        try (body) {
            return withDeadline(body, uri, () -> new ODataPageReader().read(body, entities));
        } catch (JsonEOFException e) {
            // a body that stops mid-value is a connection that broke mid-page, not a remote that writes bad JSON
            throw ConnectorException.transientFailure(
                    "the page from Business Central for " + uri.getPath() + " ended early (" + describe(e)
                            + "), starting with " + BodySnippet.of(body.prefix(), token)
                            + ": the connection broke mid-page; nothing of it was stored, retrying later",
                    null,
                    e);
        } catch (JsonProcessingException e) {
            throw malformed(uri, describe(e), body, token, e);
        } catch (MalformedPageException e) {
            throw malformed(uri, e.getMessage(), body, token, e);
        } catch (IOException e) {
            throw ConnectorException.transientFailure(
                    "the connection to Business Central (" + uri.getHost() + ") broke while reading " + uri.getPath()
                            + ": " + e.getClass().getSimpleName() + "; retrying later",
                    null,
                    e);
        }
    }

    /** A 2xx answer and the token it was sent with. */
    private record Answer(HttpResponse<InputStream> response, String token) {}

    /**
     * Sends with the cached token, and once more with a refreshed one after a 401 on a token we believed valid; a
     * redirect (never followed) and any other non-2xx status become the typed error BC's answer calls for.
     */
    private Answer sendForSuccess(URI uri, Optional<Integer> maxPageSize, String accept) {
        String token = tokens.accessToken();
        HttpResponse<InputStream> response = send(uri, token, maxPageSize, accept);
        if (response.statusCode() == 401) {
            discard(response);
            log.log(System.Logger.Level.INFO, "Business Central answered 401 on a cached token; refreshing it once");
            token = tokens.refreshAfterRejection(token);
            response = send(uri, token, maxPageSize, accept);
        }
        int status = response.statusCode();
        if (status / 100 == 3) {
            discard(response);
            throw redirect(response, uri);
        }
        if (status / 100 != 2) {
            throw BcErrors.classify(error(response, uri), retryAfter(response), uri);
        }
        return new Answer(response, token);
    }

    private HttpResponse<InputStream> send(URI uri, String token, Optional<Integer> maxPageSize, String accept) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(requestTimeout)
                .header("Authorization", "Bearer " + token)
                .header("Accept", accept)
                .GET();
        maxPageSize.ifPresent(size -> request.header("Prefer", "odata.maxpagesize=" + size));
        return send(uri, request, "GET");
    }

    private HttpResponse<InputStream> send(
            URI uri, String token, String method, HttpRequest.BodyPublisher body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(requestTimeout)
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json")
                .header("Content-Type", "application/json")
                .method(method, body);
        headers.forEach(request::header);
        return send(uri, request, method);
    }

    private HttpResponse<InputStream> send(URI uri, HttpRequest.Builder request, String method) {
        Duration waited = governor.spend(BUDGET_WAIT);
        if (!waited.isZero()) {
            log.log(
                    System.Logger.Level.INFO,
                    "waited {0} s for Business Central''s budget of {1} requests in {2} minutes",
                    waited.toSeconds(),
                    RateGovernor.WINDOW_REQUESTS,
                    RateGovernor.WINDOW.toMinutes());
        }
        counters.increment(RequestCounters.HTTP_REQUESTS);
        log.log(System.Logger.Level.DEBUG, "{0} {1}", method, uri);
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpTimeoutException e) {
            throw timedOut(uri, e);
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

    private interface BodyRead<T> {
        T read() throws IOException;
    }

    /** Runs a body read that the request timeout cuts off by closing the stream (which unblocks the read). */
    private <T> T withDeadline(InputStream body, URI uri, BodyRead<T> read) throws IOException {
        AtomicBoolean expired = new AtomicBoolean();
        CompletableFuture<Void> reading = new CompletableFuture<>();
        reading.orTimeout(requestTimeout.toMillis(), TimeUnit.MILLISECONDS).whenComplete((done, failure) -> {
            if (failure != null) {
                expired.set(true);
                closeQuietly(body);
            }
        });
        try {
            return read.read();
        } catch (IOException e) {
            if (expired.get()) {
                throw timedOut(uri, e);
            }
            throw e;
        } finally {
            reading.complete(null);
        }
    }

    private ConnectorException timedOut(URI uri, IOException cause) {
        return ConnectorException.transientFailure(
                "Business Central did not answer within " + requestTimeout.toSeconds() + " s (" + uri.getHost()
                        + "); retrying later. If this repeats, lower " + BcSettings.PAGE_SIZE,
                null,
                cause);
    }

    private static ConnectorException malformed(
            URI uri, String problem, PrefixRecordingInputStream body, String token, Exception cause) {
        return ConnectorException.remote(
                "Business Central sent a malformed page for " + uri.getPath() + " (" + problem + "), starting with "
                        + BodySnippet.of(body.prefix(), token) + "; nothing was stored, the page is read again on the "
                        + "next pull",
                cause);
    }

    private static String describe(JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        String message = e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage();
        String line = message.replaceAll("\\s+", " ");
        int cut = line.indexOf(" at [Source");
        line = cut > 0 ? line.substring(0, cut) : line;
        if (line.length() > 100) {
            line = line.substring(0, 100) + "…";
        }
        return at == null ? line : line + " at line " + at.getLineNr() + ", column " + at.getColumnNr();
    }

    private ConnectorException redirect(HttpResponse<?> response, URI uri) {
        String target = response.headers()
                .firstValue("Location")
                .map(location -> {
                    try {
                        URI to = uri.resolve(location.trim());
                        return to.getScheme() + "://" + to.getHost() + (to.getPort() == -1 ? "" : ":" + to.getPort());
                    } catch (IllegalArgumentException e) {
                        return "an unreadable address";
                    }
                })
                .orElse("no address");
        return ConnectorException.remote(
                "Business Central answered " + uri.getPath() + " with a redirect (HTTP " + response.statusCode()
                        + " to " + target + "); redirects are never followed so the token stays with "
                        + uri.getHost() + ". Check " + BcSettings.API_URL
                        + " (for Business Central online keep https://api.businesscentral.dynamics.com)",
                null);
    }

    private String readPrefix(HttpResponse<InputStream> response, URI uri) {
        try (InputStream body = response.body()) {
            return withDeadline(
                    body, uri, () -> new String(body.readNBytes(BodySnippet.RECORDED_BYTES), StandardCharsets.UTF_8));
        } catch (IOException e) {
            return "";
        }
    }

    private BcError error(HttpResponse<InputStream> response, URI uri) {
        byte[] bytes;
        try (InputStream body = response.body()) {
            bytes = withDeadline(body, uri, () -> body.readNBytes(MAX_ERROR_BODY));
        } catch (IOException e) {
            bytes = new byte[0];
        }
        try {
            Map<String, Object> body = errorMapper.readValue(bytes, JSON_OBJECT);
            if (body.get("error") instanceof Map<?, ?> error) {
                return BcError.of(response.statusCode(), (String) error.get("code"), (String) error.get("message"));
            }
        } catch (IOException | ClassCastException ignored) {
            // not BC's JSON error shape (a gateway page, an empty body): classify by status alone
        }
        return BcError.of(response.statusCode(), "", "");
    }

    private static void discard(HttpResponse<InputStream> response) {
        closeQuietly(response.body());
    }

    private static void closeQuietly(InputStream body) {
        try {
            body.close();
        } catch (IOException ignored) {
            // closing only releases the connection; nothing to report
        }
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
