package io.ipaas.connector.dynamics365.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.ipaas.connector.api.error.ConnectorException;
import io.ipaas.connector.api.poll.ChangeHint;
import io.ipaas.connector.api.state.Secret;
import io.ipaas.connector.api.state.SecretStore;
import io.ipaas.connector.api.state.StateStore;
import io.ipaas.connector.api.state.Versioned;
import io.ipaas.connector.api.webhook.ChangeNotice;
import io.ipaas.connector.api.webhook.ChangeType;
import io.ipaas.connector.api.webhook.Subscription;
import io.ipaas.connector.api.webhook.WebhookRequest;
import io.ipaas.connector.api.webhook.WebhookResponse;
import io.ipaas.connector.api.webhook.WebhookSink;
import io.ipaas.connector.dynamics365.entity.EntityDefinition;
import io.ipaas.connector.dynamics365.odata.BcApiUrls;
import io.ipaas.connector.dynamics365.odata.BcErrors;
import io.ipaas.connector.dynamics365.odata.BcHttpClient;
import io.ipaas.connector.dynamics365.odata.BcReply;
import io.ipaas.connector.dynamics365.odata.Company;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Business Central's webhooks for the entities the catalogue marks and BC's {@code webhookSupportedResources} lists.
 *
 * <p>Each subscription gets its own random {@code clientState}, kept in the host's secret store and compared in
 * constant time on every entry of every notification. The handshake is answered only while this connector is
 * creating or renewing a subscription (BC sends it during that request). A notification whose entries are all
 * unknown or forged is refused with 403; BC never sends one, and a 4xx would make BC delete the subscription, so a
 * genuine request with some unknown entries is accepted and those entries are dropped.
 */
public final class BcWebhookSink implements WebhookSink {
    static final String HANDSHAKE_KEY = "webhook.handshake";
    static final String SUBSCRIPTION_KEY = "webhook.subscription.";
    static final String CLIENT_STATE = "webhook.clientState.";
    static final String PENDING_CLIENT_STATE = "webhook.clientState.pending";
    /** How long the handshake stays open around a create or renew: BC calls back within 5 s of the request. */
    static final Duration HANDSHAKE_WINDOW = Duration.ofSeconds(60);

    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern SINGLE = Pattern.compile("^(.*)\\(([^()]+)\\)$");
    private static final Pattern SINCE = Pattern.compile("lastModifiedDateTime gt (\\S+)");

    private final Map<String, EntityDefinition> entities;
    private final BcHttpClient http;
    private final BcApiUrls urls;
    private final Supplier<Company> company;
    private final StateStore state;
    private final SecretStore secrets;
    private final Clock clock;

    /** @param entities the offered entities by name; those without BC webhook support are never subscribed */
    public BcWebhookSink(
            Map<String, EntityDefinition> entities,
            BcHttpClient http,
            BcApiUrls urls,
            Supplier<Company> company,
            StateStore state,
            SecretStore secrets,
            Clock clock) {
        this.entities = Map.copyOf(entities);
        this.http = http;
        this.urls = urls;
        this.company = company;
        this.state = state;
        this.secrets = secrets;
        this.clock = clock;
    }

    @Override
    public Subscription subscribe(String entity, URI notificationUrl) {
        EntityDefinition definition = entities.get(entity);
        if (definition == null || !definition.webhooks() || !definition.companyScoped()) {
            throw ConnectorException.unsupported(
                    entity + ": Business Central documents no webhooks for it; it is polled");
        }
        Company target = company.get();
        if (!supportedResources(target).contains("v2.0/" + definition.entitySet())) {
            throw ConnectorException.unsupported(entity + ": Business Central's webhookSupportedResources does not list"
                    + " v2.0/" + definition.entitySet() + " in this environment; it is polled");
        }
        String clientState = newClientState();
        String resource = "/api/v2.0/companies(" + target.id() + ")/" + definition.entitySet();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("notificationUrl", notificationUrl.toString());
        body.put("resource", resource);
        body.put("clientState", clientState);
        URI uri = URI.create(urls.root() + "/subscriptions");
        secrets.put(PENDING_CLIENT_STATE, Secret.of(clientState));
        BcReply reply;
        try {
            openHandshake();
            reply = http.write("POST", uri, Map.of(), json(body));
        } finally {
            closeHandshake();
        }
        if (!reply.succeeded()) {
            secrets.delete(PENDING_CLIENT_STATE);
            throw BcErrors.classify(reply.error(), reply.retryAfter(), uri);
        }
        Subscription subscription = subscription(entity, reply);
        secrets.put(CLIENT_STATE + subscription.id(), Secret.of(clientState));
        remember(subscription, resource);
        secrets.delete(PENDING_CLIENT_STATE);
        return subscription;
    }

    @Override
    public Subscription renew(Subscription subscription) {
        URI uri = one(subscription.id());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("notificationUrl", subscription.attributes().get("notificationUrl"));
        body.put("resource", subscription.attributes().get("resource"));
        BcReply reply;
        try {
            openHandshake();
            reply = http.write(
                    "PATCH", uri, Map.of("If-Match", subscription.attributes().getOrDefault("etag", "*")), json(body));
            if (reply.status() == 409 || reply.status() == 412) {
                // another renewal got there first: this one still extends it
                reply = http.write("PATCH", uri, Map.of("If-Match", "*"), json(body));
            }
        } finally {
            closeHandshake();
        }
        if (reply.status() == 404) {
            throw ConnectorException.data(
                    subscription.id(),
                    "Business Central no longer has webhook subscription " + subscription.id() + " for "
                            + subscription.entity() + " (it deletes one that expired or whose notifications failed);"
                            + " subscribe again and poll from the watermark to cover the gap",
                    null);
        }
        if (!reply.succeeded()) {
            throw BcErrors.classify(reply.error(), reply.retryAfter(), uri);
        }
        Subscription renewed = subscription(subscription.entity(), reply);
        remember(renewed, subscription.attributes().get("resource"));
        return renewed;
    }

    @Override
    public void unsubscribe(Subscription subscription) {
        URI uri = one(subscription.id());
        BcReply reply = http.write("DELETE", uri, Map.of("If-Match", "*"), null);
        if (!reply.succeeded() && reply.status() != 404) {
            throw BcErrors.classify(reply.error(), reply.retryAfter(), uri);
        }
        secrets.delete(CLIENT_STATE + subscription.id());
        state.delete(SUBSCRIPTION_KEY + subscription.id());
    }

    @Override
    public WebhookResponse handle(WebhookRequest request) {
        String token = request.query().get("validationToken");
        if (token != null) {
            // BC's handshake carries no credential: answer it only while a create or renew of ours is under way
            if (!handshakeOpen() || token.length() > 1024) {
                return answer(403, "no subscription is being created or renewed here");
            }
            return new WebhookResponse(200, "text/plain", token.getBytes(StandardCharsets.UTF_8), List.of());
        }
        if (!request.method().equals("POST")) {
            return answer(405, "notifications are POSTed");
        }
        String contentType = request.headers().getOrDefault("content-type", List.of()).stream()
                .findFirst()
                .orElse("");
        if (!contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            return answer(415, "notifications are application/json");
        }
        Optional<List<Notifications.Entry>> entries = Notifications.parse(request.body());
        if (entries.isEmpty()) {
            return answer(400, "not a Business Central notification");
        }
        List<ChangeNotice> notices = new ArrayList<>();
        // BC bundles up to a thousand entries of one subscription: look each subscription up once per request
        Map<String, Optional<Known>> known = new java.util.HashMap<>();
        for (Notifications.Entry entry : entries.get()) {
            Optional<Known> subscription = known.computeIfAbsent(entry.subscriptionId(), this::known);
            subscription
                    .filter(k -> sameSecret(k.clientState(), entry.clientState()))
                    .flatMap(k -> notice(entry, k))
                    .ifPresent(notices::add);
        }
        if (notices.isEmpty()) {
            return answer(403, "no entry carries a known subscription and its client state");
        }
        return new WebhookResponse(200, "text/plain", new byte[0], notices);
    }

    /** What a notification is checked against: the subscription's entity, resource and client state. */
    private record Known(String entity, String resource, Secret clientState) {}

    private Optional<Known> known(String subscriptionId) {
        if (!subscriptionId.matches("[0-9a-fA-F]{32}")) {
            return Optional.empty();
        }
        Optional<Versioned> stored = state.get(SUBSCRIPTION_KEY + subscriptionId);
        Optional<Secret> clientState = secrets.get(CLIENT_STATE + subscriptionId);
        if (stored.isEmpty() || clientState.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Known(
                (String) stored.get().value().get("entity"),
                (String) stored.get().value().get("resource"),
                clientState.get()));
    }

    /** The notice an entry of a known subscription stands for, when its resource is that subscription's. */
    private Optional<ChangeNotice> notice(Notifications.Entry entry, Known known) {
        if (!entry.resource().startsWith(known.resource())) {
            return Optional.empty();
        }
        String rest = entry.resource().substring(known.resource().length());
        ChangeType type = ChangeType.valueOf(entry.changeType().toUpperCase(Locale.ROOT));
        if (type == ChangeType.COLLECTION) {
            return Optional.of(new ChangeNotice(
                    known.entity(),
                    type,
                    new ChangeHint(Optional.empty(), since(rest)),
                    Optional.of(entry.subscriptionId())));
        }
        Matcher single = SINGLE.matcher(entry.resource());
        if (!rest.startsWith("(") || !single.matches()) {
            return Optional.empty();
        }
        String key = single.group(2).replace("'", "");
        return Optional.of(new ChangeNotice(
                known.entity(),
                type,
                new ChangeHint(Optional.of(key), Optional.empty()),
                Optional.of(entry.subscriptionId())));
    }

    /** The time a collection notice's filter starts at; none (re-read everything) when it has no filter. */
    private static Optional<Instant> since(String query) {
        String decoded = URLDecoder.decode(query.replace("+", "%2B"), StandardCharsets.UTF_8);
        Matcher matcher = SINCE.matcher(decoded);
        if (!matcher.find()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(matcher.group(1)));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private boolean sameSecret(Secret expected, String given) {
        return MessageDigest.isEqual(
                expected.reveal().getBytes(StandardCharsets.UTF_8), given.getBytes(StandardCharsets.UTF_8));
    }

    private Set<String> supportedResources(Company target) {
        URI uri = URI.create(urls.root().replace("/api/v2.0", "/api/microsoft/runtime/beta") + "/companies("
                + target.id() + ")/webhookSupportedResources");
        Set<String> resources = new HashSet<>();
        Optional<String> next = http.page(uri, Optional.empty(), entity -> {
            Object resource = entity.fields().get("resource");
            if (resource instanceof String text) {
                resources.add(text);
            }
        });
        next.ifPresent(link -> {
            // a list of a few dozen entries never pages; a link means the answer is not what BC sends
            throw ConnectorException.remote("webhookSupportedResources answered with a next page: " + link, null);
        });
        return resources;
    }

    private Subscription subscription(String entity, BcReply reply) {
        Map<String, Object> body = reply.body();
        Object id = body.get("subscriptionId");
        Object expires = body.get("expirationDateTime");
        if (!(id instanceof String text) || !(expires instanceof String when)) {
            throw ConnectorException.remote("Business Central answered a subscription without its id or expiry", null);
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        reply.etag().ifPresent(etag -> attributes.put("etag", etag));
        attributes.put("resource", String.valueOf(body.get("resource")));
        attributes.put("notificationUrl", String.valueOf(body.get("notificationUrl")));
        try {
            return new Subscription(text, entity, Instant.parse(when), attributes);
        } catch (DateTimeParseException e) {
            throw ConnectorException.remote("Business Central answered an unreadable expirationDateTime: " + when, e);
        }
    }

    /** What {@link #handle} needs to know of a subscription: its entity and the resource its entries must name. */
    private void remember(Subscription subscription, String resource) {
        String key = SUBSCRIPTION_KEY + subscription.id();
        Map<String, Object> value = Map.of("entity", subscription.entity(), "resource", resource);
        while (true) {
            long version = state.get(key).map(Versioned::version).orElse(0L);
            if (state.compareAndSet(key, version, value)) {
                return;
            }
        }
    }

    private void openHandshake() {
        setHandshake(clock.instant().plus(HANDSHAKE_WINDOW).toEpochMilli());
    }

    private void closeHandshake() {
        setHandshake(0);
    }

    private void setHandshake(long until) {
        while (true) {
            long version = state.get(HANDSHAKE_KEY).map(Versioned::version).orElse(0L);
            if (state.compareAndSet(HANDSHAKE_KEY, version, Map.of("until", until))) {
                return;
            }
        }
    }

    private boolean handshakeOpen() {
        return state.get(HANDSHAKE_KEY)
                .map(v -> v.value().get("until"))
                .filter(Number.class::isInstance)
                .map(until -> ((Number) until).longValue() > clock.instant().toEpochMilli())
                .orElse(false);
    }

    private URI one(String id) {
        if (!id.matches("[0-9a-fA-F]{32}")) {
            throw ConnectorException.internal("not a Business Central subscription id: " + id, null);
        }
        return URI.create(urls.root() + "/subscriptions('" + id + "')");
    }

    private static String newClientState() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static byte[] json(Map<String, Object> body) {
        try {
            return JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw ConnectorException.internal("could not write a subscription body", e);
        }
    }

    private static WebhookResponse answer(int status, String why) {
        return new WebhookResponse(status, "text/plain", why.getBytes(StandardCharsets.UTF_8), List.of());
    }
}
