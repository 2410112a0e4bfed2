package io.ipaas.connector.testkit.reference;

import io.ipaas.connector.api.entity.OutboundRecord;
import io.ipaas.connector.api.webhook.Subscription;
import io.ipaas.connector.api.webhook.WebhookRequest;
import io.ipaas.connector.testkit.ContractBackend;
import io.ipaas.connector.testkit.RecordChanges;
import io.ipaas.connector.testkit.UnreadableRecord;
import io.ipaas.connector.testkit.WebhookFixture;
import io.ipaas.connector.testkit.WriterFixture;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/** The contacts service as a {@link ContractBackend} offering every optional capability. */
final class ContactsBackend implements ContractBackend {
    static final String KEY = "ref-key-4f2a9c17";

    private final ContactsRemote remote = new ContactsRemote(KEY, 23);
    private final AtomicInteger written = new AtomicInteger();

    ContactsRemote remote() {
        return remote;
    }

    @Override
    public Map<String, Object> validSettings() {
        return Map.of(ContactsConnectorFactory.API_KEY, KEY);
    }

    @Override
    public Optional<Map<String, Object>> settingsWithWrongCredentials() {
        return Optional.of(Map.of(ContactsConnectorFactory.API_KEY, "wrong-key-0000"));
    }

    @Override
    public Map<String, Set<String>> expectedKeys() {
        Map<String, Set<String>> expected = new LinkedHashMap<>();
        expected.put(ContactsConnectorFactory.ENTITY, new HashSet<>(remote.live()));
        return expected;
    }

    @Override
    public OptionalLong requests() {
        return OptionalLong.of(remote.requests());
    }

    @Override
    public Optional<RecordChanges> changeRecords(String entity) {
        List<String> live = remote.live();
        String touched = remote.touch(live.get(1));
        String deleted = remote.delete(live.get(2));
        String added = remote.add();
        return Optional.of(new RecordChanges(Set.of(touched), Set.of(added), Set.of(deleted), true));
    }

    @Override
    public List<WriterFixture> writerFixtures() {
        return List.of(new WriterFixture(
                ContactsConnectorFactory.ENTITY,
                List.of(
                        outbound(Map.of("name", "Ada", "balance", new BigDecimal("12.50"))),
                        outbound(Map.of("name", "Grace", "balance", 3))),
                outbound(Map.of("balance", new BigDecimal("1.00")))));
    }

    @Override
    public Optional<WebhookFixture> webhookFixture() {
        return Optional.of(new WebhookFixture() {
            @Override
            public String entity() {
                return ContactsConnectorFactory.ENTITY;
            }

            @Override
            public WebhookRequest validNotification(Subscription subscription) {
                return notification(subscription.id(), remote.clientState(subscription.id()));
            }

            @Override
            public WebhookRequest forgedNotification(Subscription subscription) {
                return notification(subscription.id(), "guessed-" + subscription.id());
            }
        });
    }

    @Override
    public Optional<UnreadableRecord> serveUnreadableRecord(String entity) {
        String handle = remote.addWithoutId();
        return Optional.of(new UnreadableRecord() {
            @Override
            public Optional<String> key() {
                return Optional.empty();
            }

            @Override
            public String flaw() {
                return "a contact without an id";
            }

            @Override
            public void close() {
                remote.remove(handle);
            }
        });
    }

    @Override
    public boolean failNextRequests(int count, Optional<Duration> retryAfter) {
        remote.failNext(count, retryAfter);
        return true;
    }

    @Override
    public void close() {
        // in memory
    }

    private OutboundRecord outbound(Map<String, Object> fields) {
        return new OutboundRecord(
                ContactsConnectorFactory.ENTITY, "platform-" + written.incrementAndGet(), fields, Optional.empty());
    }

    private static WebhookRequest notification(String subscriptionId, String clientState) {
        String body = "{\"subscriptionId\":\"" + subscriptionId + "\",\"clientState\":\"" + clientState
                + "\",\"entity\":\"contacts\",\"key\":\"c-0001\",\"change\":\"updated\"}";
        return new WebhookRequest(
                "POST",
                Map.of("content-type", List.of("application/json")),
                Map.of(),
                body.getBytes(StandardCharsets.UTF_8),
                Instant.now());
    }
}
