package io.ipaas.connector.example;

import com.fasterxml.jackson.databind.JsonNode;
import io.ipaas.connector.api.error.ConnectorException;
import io.ipaas.connector.api.poll.ChangeHint;
import io.ipaas.connector.api.state.Secret;
import io.ipaas.connector.api.state.SecretStore;
import io.ipaas.connector.api.webhook.ChangeNotice;
import io.ipaas.connector.api.webhook.ChangeType;
import io.ipaas.connector.api.webhook.Subscription;
import io.ipaas.connector.api.webhook.WebhookRequest;
import io.ipaas.connector.api.webhook.WebhookResponse;
import io.ipaas.connector.api.webhook.WebhookSink;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Webhooks of the contacts API: {@code POST /v1/webhooks} returns a subscription with its own signing secret, kept in
 * the host's secret store. Each delivery carries {@code X-Webhook-Id}, {@code X-Timestamp} (epoch seconds) and
 * {@code X-Signature: sha256=HEX}, the HMAC-SHA256 of {@code timestamp + "." + body} under that secret. A request is
 * trusted only when the signature matches and the timestamp is within five minutes, so a replayed one is refused.
 * Notices are hints: the host turns them into a poll.
 */
final class ContactsWebhooks implements WebhookSink {
    private static final Duration TOLERANCE = Duration.ofMinutes(5);
    private static final String SECRET_PREFIX = "webhook.";

    private final ContactsApi api;
    private final SecretStore secrets;
    private final Clock clock;

    ContactsWebhooks(ContactsApi api, SecretStore secrets, Clock clock) {
        this.api = api;
        this.secrets = secrets;
        this.clock = clock;
    }

    @Override
    public Subscription subscribe(String entity, URI notificationUrl) {
        if (!ContactsPoller.ENTITY.equals(entity)) {
            throw ConnectorException.unsupported("the contacts API sends webhooks for contacts only, not " + entity);
        }
        JsonNode created =
                api.post("/v1/webhooks", ContactsApi.JSON.createObjectNode().put("url", notificationUrl.toString()));
        String id = created.path("id").asText();
        String secret = created.path("secret").asText();
        if (id.isEmpty() || secret.isEmpty()) {
            throw ConnectorException.remote("POST /v1/webhooks answered without an id or a signing secret", null);
        }
        secrets.put(SECRET_PREFIX + id, Secret.of(secret));
        return subscription(id, created);
    }

    @Override
    public Subscription renew(Subscription subscription) {
        return subscription(
                subscription.id(),
                api.post("/v1/webhooks/" + encode(subscription.id()) + "/renew", ContactsApi.JSON.createObjectNode()));
    }

    /** A 404 means the API already dropped it, which is what unsubscribing wants. */
    @Override
    public void unsubscribe(Subscription subscription) {
        api.delete("/v1/webhooks/" + encode(subscription.id()));
        secrets.delete(SECRET_PREFIX + subscription.id());
    }

    @Override
    public WebhookResponse handle(WebhookRequest request) {
        if (!request.method().equals("POST")) {
            return refuse(405, "webhooks are POST requests");
        }
        Optional<String> id = header(request, "x-webhook-id");
        Optional<Secret> secret = id.flatMap(i -> secrets.get(SECRET_PREFIX + i));
        if (secret.isEmpty()) {
            return refuse(401, "unknown webhook subscription");
        }
        Optional<Instant> sentAt = header(request, "x-timestamp").flatMap(ContactsWebhooks::epochSeconds);
        if (sentAt.isEmpty()
                || Duration.between(sentAt.get(), clock.instant()).abs().compareTo(TOLERANCE) > 0) {
            return refuse(401, "missing or stale X-Timestamp");
        }
        byte[] body = request.body();
        byte[] expected = ("sha256="
                        + sign(secret.get(), header(request, "x-timestamp").get(), body))
                .getBytes(StandardCharsets.UTF_8);
        byte[] given = header(request, "x-signature").orElse("").getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(expected, given)) {
            return refuse(401, "signature does not match");
        }
        List<ChangeNotice> notices = new ArrayList<>();
        try {
            JsonNode events = ContactsApi.JSON.readTree(body).path("events");
            if (!events.isArray()) {
                return refuse(400, "no events list");
            }
            for (JsonNode event : events) {
                notices.add(notice(event, id.get()));
            }
        } catch (IOException | IllegalArgumentException e) {
            return refuse(400, "malformed notification: " + e.getMessage());
        }
        return new WebhookResponse(
                200, "application/json", "{\"received\":true}".getBytes(StandardCharsets.UTF_8), notices);
    }

    private static ChangeNotice notice(JsonNode event, String subscriptionId) {
        ChangeType type = switch (event.path("type").asText()) {
            case "contact.created" -> ChangeType.CREATED;
            case "contact.updated" -> ChangeType.UPDATED;
            case "contact.deleted" -> ChangeType.DELETED;
            default -> throw new IllegalArgumentException("unknown event type " + event.path("type"));
        };
        String key = event.path("id").asText();
        if (key.isEmpty()) {
            throw new IllegalArgumentException("an event without a contact id");
        }
        Optional<Instant> at;
        try {
            at = event.hasNonNull("updatedAt")
                    ? Optional.of(Instant.parse(event.get("updatedAt").asText()))
                    : Optional.empty();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("updatedAt is not an instant");
        }
        return new ChangeNotice(
                ContactsPoller.ENTITY, type, new ChangeHint(Optional.of(key), at), Optional.of(subscriptionId));
    }

    private Subscription subscription(String id, JsonNode answer) {
        try {
            return new Subscription(
                    id,
                    ContactsPoller.ENTITY,
                    Instant.parse(answer.path("expiresAt").asText()),
                    Map.of("url", answer.path("url").asText("")));
        } catch (DateTimeParseException e) {
            throw ConnectorException.remote("webhook " + id + " came back without a valid expiresAt", e);
        }
    }

    /** The API's signature of one delivery; the secret never leaves this method. */
    static String sign(Secret secret, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.reveal().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update(timestamp.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) '.');
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw ConnectorException.internal("HmacSHA256 is not available in this JDK", e);
        }
    }

    private static Optional<String> header(WebhookRequest request, String name) {
        List<String> values = request.headers().get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    private static Optional<Instant> epochSeconds(String value) {
        try {
            return Optional.of(Instant.ofEpochSecond(Long.parseLong(value.strip())));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static String encode(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static WebhookResponse refuse(int status, String reason) {
        return new WebhookResponse(
                status,
                "application/json",
                ContactsApi.JSON
                        .createObjectNode()
                        .put("error", reason)
                        .toString()
                        .getBytes(StandardCharsets.UTF_8),
                List.of());
    }
}
