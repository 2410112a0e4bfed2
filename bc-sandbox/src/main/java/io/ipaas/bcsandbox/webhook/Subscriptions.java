package io.ipaas.bcsandbox.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ipaas.bcsandbox.data.ChangeFeed;
import io.ipaas.bcsandbox.data.Dataset;
import io.ipaas.bcsandbox.odata.BcException;
import io.ipaas.bcsandbox.odata.WeakETag;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * BC's webhook subscriptions (facts §5): created, read, renewed and deleted through {@code api/v2.0/subscriptions}
 * with a handshake on create and renew; changes to a subscribed entity set queued per subscription (repeated
 * updates of a record merged) and sent on a fixed delay, one POST per notification URL for all its subscriptions;
 * above {@link #COLLECTION_THRESHOLD} changes one {@code collection} entry; retries after 408, 429, 5xx or no answer
 * on BC's schedule and deletion after the fifth, deletion at once on any other status; expiry three days after
 * create or renew on the sandbox clock.
 */
public final class Subscriptions implements AutoCloseable {
    public static final int MAX_PER_ENVIRONMENT = 200;
    public static final Duration LIFETIME = Duration.ofDays(3);
    public static final int COLLECTION_THRESHOLD = 1000;
    /** BC's retry schedule (facts §5.5, from BC's code): after failed attempts 1 to 5. */
    public static final List<Duration> BC_RETRIES = List.of(
            Duration.ofMinutes(1),
            Duration.ofMinutes(1),
            Duration.ofMinutes(10),
            Duration.ofMinutes(100),
            Duration.ofMinutes(1000));
    /** BC's documented webhook entities that the sandbox serves (facts §2.13). */
    public static final Set<String> SUPPORTED = Set.of(
            "customers",
            "items",
            "salesOrders",
            "salesInvoices",
            "currencies",
            "paymentTerms",
            "unitsOfMeasure",
            "itemCategories",
            "shipmentMethods");

    private static final Pattern RESOURCE =
            Pattern.compile("^(?:.*/api/v2\\.0/|/?)companies\\(([0-9a-fA-F-]{36})\\)/([A-Za-z]+)$");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Dataset dataset;
    private final Clock clock;
    private final Duration delay;
    private final HttpClient http;
    private final Handshake handshake;
    private final Map<String, WebhookSubscription> byId = new LinkedHashMap<>();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong posts = new AtomicLong();
    private ScheduledExecutorService sender;

    /** @param delay how long changes gather before a send (BC: about 30 s; tests: milliseconds) */
    public Subscriptions(Dataset dataset, Clock clock, Duration delay) {
        this.dataset = dataset;
        this.clock = clock;
        this.delay = delay;
        this.http = HttpClient.newBuilder()
                .connectTimeout(Handshake.TIMEOUT)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        this.handshake = new Handshake(http);
        dataset.changes().listen(this::changed);
    }

    /** Starts sending; {@link #close} stops it. */
    public synchronized void start() {
        if (sender == null) {
            sender = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread thread = new Thread(r, "bc-sandbox-webhooks");
                thread.setDaemon(true);
                return thread;
            });
            long millis = Math.max(1, delay.toMillis());
            sender.scheduleWithFixedDelay(this::sendDueQuietly, millis, millis, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public synchronized void close() {
        if (sender != null) {
            sender.shutdownNow();
            sender = null;
        }
    }

    /** Notifications delivered (accepted with a 2xx), and notification POSTs made. */
    public long delivered() {
        return delivered.get();
    }

    public long posts() {
        return posts.get();
    }

    /** A subscription's clientState, as BC returns it when the subscription is read. */
    public synchronized Optional<String> clientState(String id) {
        return Optional.ofNullable(byId.get(id)).map(subscription -> subscription.clientState);
    }

    /** The ids of the live subscriptions. */
    public synchronized List<String> ids() {
        return List.copyOf(byId.keySet());
    }

    private synchronized void changed(ChangeFeed.Change change) {
        for (WebhookSubscription subscription : byId.values()) {
            if (subscription.companyId.equals(change.companyId())
                    && subscription.entitySet.equals(change.entitySet())) {
                subscription.queue(change.id(), change.changeType(), change.at());
            }
        }
    }

    // --- the subscriptions endpoint ------------------------------------------------------------------

    /** {@code POST subscriptions}: validates, runs the handshake, stores; the subscription as BC answers it. */
    public Map<String, Object> create(byte[] body, UUID userId) {
        JsonNode json = object(body);
        String notificationUrl = text(json, "notificationUrl", true);
        String resource = text(json, "resource", true);
        String clientState = text(json, "clientState", false);
        if (clientState != null && clientState.length() > 2048) {
            throw new BcException(400, "BadRequest", "The clientState must be at most 2048 characters.");
        }
        Matcher target = resource(resource);
        UUID companyId = UUID.fromString(target.group(1));
        synchronized (this) {
            if (byId.size() >= MAX_PER_ENVIRONMENT) {
                throw new BcException(
                        400,
                        "BadRequest",
                        "The maximum number of subscriptions (" + MAX_PER_ENVIRONMENT + ") has been reached.");
            }
        }
        handshake.validate(notificationUrl);
        Instant now = now();
        byte[] id = new byte[16];
        new java.security.SecureRandom().nextBytes(id);
        WebhookSubscription subscription = new WebhookSubscription(
                HexFormat.of().formatHex(id),
                companyId,
                target.group(2),
                userId,
                now,
                notificationUrl,
                resource,
                clientState == null ? "" : clientState,
                now.plus(LIFETIME));
        synchronized (this) {
            byId.put(subscription.id, subscription);
            return view(subscription);
        }
    }

    public synchronized List<Map<String, Object>> all() {
        expire();
        return byId.values().stream().map(this::view).toList();
    }

    public synchronized Map<String, Object> get(String id) {
        expire();
        return view(require(id));
    }

    /** {@code PATCH subscriptions('id')}: If-Match, a new handshake, three more days. */
    public Map<String, Object> renew(String id, String ifMatch, byte[] body) {
        WebhookSubscription subscription;
        String notificationUrl;
        synchronized (this) {
            expire();
            subscription = require(id);
            requireMatch(subscription, ifMatch);
            JsonNode json = object(body);
            notificationUrl =
                    Optional.ofNullable(text(json, "notificationUrl", false)).orElse(subscription.notificationUrl);
            String clientState = text(json, "clientState", false);
            if (clientState != null) {
                subscription.clientState = clientState;
            }
        }
        handshake.validate(notificationUrl);
        synchronized (this) {
            subscription.notificationUrl = notificationUrl;
            subscription.modifiedAt = now();
            subscription.expiresAt = subscription.modifiedAt.plus(LIFETIME);
            return view(subscription);
        }
    }

    public synchronized void delete(String id, String ifMatch) {
        WebhookSubscription subscription = require(id);
        requireMatch(subscription, ifMatch);
        byId.remove(id);
    }

    private WebhookSubscription require(String id) {
        WebhookSubscription subscription = byId.get(id);
        if (subscription == null) {
            throw new BcException(
                    404,
                    "BadRequest_NotFound",
                    "The API Webhook Subscription does not exist. Identification fields and values: Subscription"
                            + " Id='" + id + "'");
        }
        return subscription;
    }

    private static void requireMatch(WebhookSubscription subscription, String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new BcException(
                    400,
                    "BadRequest_InvalidToken",
                    "Could not validate the client concurrency token required by the service. Please provide a valid"
                            + " token in the client concurrency header.");
        }
        if (!ifMatch.trim().equals("*") && !ifMatch.trim().equals(etag(subscription))) {
            throw new BcException(409, "Request_EntityChanged", "Another user has already changed the record.");
        }
    }

    private Matcher resource(String resource) {
        Matcher matcher = RESOURCE.matcher(resource);
        if (!matcher.matches()) {
            throw new BcException(
                    400,
                    "BadRequest",
                    "The resource '" + resource + "' is not valid; give /api/v2.0/companies({id})/{entitySet}.");
        }
        UUID companyId = UUID.fromString(matcher.group(1));
        if (dataset.find(companyId).isEmpty()) {
            throw new BcException(
                    404,
                    "Internal_CompanyNotFound",
                    "Cannot process the request because the company '" + companyId + "' cannot be found.");
        }
        if (!SUPPORTED.contains(matcher.group(2))) {
            // BC's exact words for an entity without webhook support are unconfirmed (facts §2.13)
            throw new BcException(
                    400,
                    "BadRequest",
                    "The entity '" + matcher.group(2) + "' does not support webhooks; see webhookSupportedResources.");
        }
        return matcher;
    }

    /** The subscription in the fixture's property order (subscription_created_response.json). */
    private Map<String, Object> view(WebhookSubscription subscription) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("@odata.etag", etag(subscription));
        view.put("subscriptionId", subscription.id);
        view.put("notificationUrl", subscription.notificationUrl);
        view.put("resource", subscription.resource);
        view.put("timestamp", 0);
        view.put("userId", subscription.userId.toString());
        view.put("lastModifiedDateTime", millis(subscription.modifiedAt));
        view.put("clientState", subscription.clientState);
        view.put("expirationDateTime", seconds(subscription.expiresAt));
        view.put("systemCreatedAt", millis(subscription.createdAt));
        view.put("systemCreatedBy", subscription.userId.toString());
        view.put("systemModifiedAt", millis(subscription.modifiedAt));
        view.put("systemModifiedBy", subscription.userId.toString());
        return view;
    }

    private static String etag(WebhookSubscription subscription) {
        return WeakETag.of(subscription.id + "|" + subscription.modifiedAt.toEpochMilli());
    }

    // --- sending -------------------------------------------------------------------------------------

    private void sendDueQuietly() {
        try {
            sendDue();
        } catch (RuntimeException e) {
            // the sender never dies: a bad round is logged by nothing and tried again next tick
        }
    }

    /** One send cycle: expired subscriptions go; each notification URL with due changes gets one POST. */
    public void sendDue() {
        Map<String, List<Batch>> byUrl = new LinkedHashMap<>();
        synchronized (this) {
            expire();
            Instant now = now();
            for (WebhookSubscription subscription : byId.values()) {
                if (subscription.pending.isEmpty() || subscription.nextAttemptAt.isAfter(now)) {
                    continue;
                }
                List<WebhookSubscription.Pending> taken = new ArrayList<>(subscription.pending.values());
                byUrl.computeIfAbsent(subscription.notificationUrl, url -> new ArrayList<>())
                        .add(new Batch(subscription, taken, entries(subscription, taken)));
            }
        }
        byUrl.forEach(this::send);
    }

    /** What one subscription sends in a cycle. */
    private record Batch(
            WebhookSubscription subscription,
            List<WebhookSubscription.Pending> taken,
            List<Map<String, Object>> entries) {}

    private List<Map<String, Object>> entries(
            WebhookSubscription subscription, List<WebhookSubscription.Pending> taken) {
        List<Map<String, Object>> entries = new ArrayList<>();
        if (taken.size() > COLLECTION_THRESHOLD) {
            Instant first = taken.stream()
                    .map(WebhookSubscription.Pending::at)
                    .min(Instant::compareTo)
                    .orElseThrow();
            Instant last = taken.stream()
                    .map(WebhookSubscription.Pending::at)
                    .max(Instant::compareTo)
                    .orElseThrow();
            boolean deletes = taken.stream().anyMatch(p -> p.changeType().equals("deleted"));
            String resource = deletes
                    ? subscription.resource
                    : subscription.resource + "?$filter=lastModifiedDateTime%20gt%20" + millis(first.minusMillis(50));
            entries.add(entry(subscription, resource, "collection", last));
            return entries;
        }
        for (WebhookSubscription.Pending pending : taken) {
            entries.add(entry(
                    subscription,
                    subscription.resource + "(" + pending.id() + ")",
                    pending.changeType(),
                    pending.at()));
        }
        return entries;
    }

    private static Map<String, Object> entry(
            WebhookSubscription subscription, String resource, String changeType, Instant at) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("subscriptionId", subscription.id);
        entry.put("clientState", subscription.clientState);
        entry.put("expirationDateTime", seconds(subscription.expiresAt));
        entry.put("resource", resource);
        entry.put("changeType", changeType);
        entry.put("lastModifiedDateTime", millis(at));
        return entry;
    }

    private void send(String url, List<Batch> batches) {
        List<Map<String, Object>> value = new ArrayList<>();
        batches.forEach(batch -> value.addAll(batch.entries()));
        String correlation = UUID.randomUUID().toString();
        int status;
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json")
                    .header("clientRequestId", correlation)
                    .header("x-ms-correlation-id", correlation)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(Map.of("value", value))))
                    .build();
            posts.incrementAndGet();
            status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException | IllegalArgumentException e) {
            status = 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        synchronized (this) {
            Instant now = now();
            for (Batch batch : batches) {
                WebhookSubscription subscription = batch.subscription();
                if (status / 100 == 2) {
                    // what was sent leaves; a change that came in meanwhile stays for the next cycle
                    batch.taken().forEach(p -> subscription.pending.remove(p.id(), p));
                    subscription.attempts = 0;
                    subscription.nextAttemptAt = Instant.MIN;
                    delivered.addAndGet(batch.entries().size());
                } else if (status == 0 || status == 408 || status == 429 || status >= 500) {
                    subscription.attempts++;
                    if (subscription.attempts > BC_RETRIES.size()) {
                        byId.remove(subscription.id);
                    } else {
                        subscription.nextAttemptAt = now.plus(BC_RETRIES.get(subscription.attempts - 1));
                    }
                } else {
                    // any other answer makes BC drop the notifications and delete the subscription at once
                    byId.remove(subscription.id);
                }
            }
        }
    }

    private void expire() {
        Instant now = now();
        byId.values().removeIf(subscription -> !subscription.expiresAt.isAfter(now));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private static String millis(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MILLIS).toString();
    }

    private static String seconds(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static JsonNode object(byte[] body) {
        try {
            JsonNode json = JSON.readTree(body);
            if (json != null && json.isObject()) {
                return json;
            }
        } catch (IOException e) {
            // answered below
        }
        throw new BcException(400, "BadRequest", "The request body must be a JSON object.");
    }

    private static String text(JsonNode json, String field, boolean required) {
        JsonNode value = json.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                throw new BcException(
                        400, "BadRequest", "The property '" + field + "' is required to create a subscription.");
            }
            return null;
        }
        if (!value.isTextual()) {
            throw new BcException(400, "BadRequest", "The property '" + field + "' must be a string.");
        }
        return value.asText();
    }
}
