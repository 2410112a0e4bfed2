package io.ipaas.connector.testkit.reference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ipaas.connector.api.ConnectorContext;
import io.ipaas.connector.api.poll.ChangeHint;
import io.ipaas.connector.api.state.Secret;
import io.ipaas.connector.api.webhook.ChangeNotice;
import io.ipaas.connector.api.webhook.ChangeType;
import io.ipaas.connector.api.webhook.Subscription;
import io.ipaas.connector.api.webhook.WebhookRequest;
import io.ipaas.connector.api.webhook.WebhookResponse;
import io.ipaas.connector.api.webhook.WebhookSink;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Subscribes with a random client state kept in the host's secret store, and accepts a notification only when it
 * names a known subscription and echoes that state.
 *
 * <p>Body: {@code {"subscriptionId", "clientState", "entity", "key", "change": "created|updated|deleted"}}.
 */
final class ContactsWebhooks implements WebhookSink {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Duration LIFETIME = Duration.ofDays(3);

    private final ContactsRemote remote;
    private final String key;
    private final RemoteCalls calls;
    private final ConnectorContext context;
    private final Set<Flaw> flaws;

    ContactsWebhooks(ContactsRemote remote, String key, RemoteCalls calls, ConnectorContext context, Set<Flaw> flaws) {
        this.remote = remote;
        this.key = key;
        this.calls = calls;
        this.context = context;
        this.flaws = flaws;
    }

    @Override
    public Subscription subscribe(String entity, URI notificationUrl) {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        String clientState = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        String id = calls.call(() -> remote.subscribe(key, entity, notificationUrl, clientState));
        context.secrets().put(secretName(id), Secret.of(clientState));
        return new Subscription(id, entity, context.clock().instant().plus(LIFETIME), Map.of());
    }

    @Override
    public Subscription renew(Subscription subscription) {
        return new Subscription(
                subscription.id(),
                subscription.entity(),
                context.clock().instant().plus(LIFETIME),
                subscription.attributes());
    }

    @Override
    public void unsubscribe(Subscription subscription) {
        calls.call(() -> {
            remote.unsubscribe(key, subscription.id());
            return null;
        });
        context.secrets().delete(secretName(subscription.id()));
    }

    @Override
    public WebhookResponse handle(WebhookRequest request) {
        JsonNode body;
        try {
            body = JSON.readTree(request.body());
        } catch (IOException e) {
            body = null;
        }
        if (body == null || !body.isObject() || !textual(body, "subscriptionId", "clientState", "key", "change")) {
            if (flaws.contains(Flaw.WEBHOOK_ACCEPTS_A_MALFORMED_BODY)) {
                return answer(
                        202,
                        List.of(new ChangeNotice(
                                ContactsConnectorFactory.ENTITY,
                                ChangeType.COLLECTION,
                                new ChangeHint(Optional.empty(), Optional.empty()),
                                Optional.empty())));
            }
            return answer(400, List.of());
        }
        String subscriptionId = body.get("subscriptionId").asText();
        Optional<Secret> expected = context.secrets().get(secretName(subscriptionId));
        byte[] given = body.get("clientState").asText().getBytes(StandardCharsets.UTF_8);
        boolean genuine = expected.isPresent()
                && MessageDigest.isEqual(expected.get().reveal().getBytes(StandardCharsets.UTF_8), given);
        if (!genuine && !flaws.contains(Flaw.WEBHOOK_ACCEPTS_A_FORGED_CLIENT_STATE)) {
            return answer(403, List.of());
        }
        ChangeType type = switch (body.get("change").asText()) {
            case "created" -> ChangeType.CREATED;
            case "updated" -> ChangeType.UPDATED;
            case "deleted" -> ChangeType.DELETED;
            default -> null;
        };
        if (type == null) {
            return answer(400, List.of());
        }
        return answer(
                202,
                List.of(new ChangeNotice(
                        ContactsConnectorFactory.ENTITY,
                        type,
                        new ChangeHint(Optional.of(body.get("key").asText()), Optional.empty()),
                        Optional.of(subscriptionId))));
    }

    private static boolean textual(JsonNode body, String... names) {
        for (String name : names) {
            if (!body.path(name).isTextual()) {
                return false;
            }
        }
        return true;
    }

    private static WebhookResponse answer(int status, List<ChangeNotice> notices) {
        return new WebhookResponse(status, "text/plain", new byte[0], notices);
    }

    private static String secretName(String subscriptionId) {
        return "webhook.clientState." + subscriptionId;
    }
}
