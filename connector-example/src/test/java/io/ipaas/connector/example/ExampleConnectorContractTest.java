package io.ipaas.connector.example;

import io.ipaas.connector.api.ConnectorFactory;
import io.ipaas.connector.api.entity.OutboundRecord;
import io.ipaas.connector.api.webhook.Subscription;
import io.ipaas.connector.api.webhook.WebhookRequest;
import io.ipaas.connector.example.server.ContactsApiServer;
import io.ipaas.connector.testkit.ConnectorContractTest;
import io.ipaas.connector.testkit.ContractBackend;
import io.ipaas.connector.testkit.RecordChanges;
import io.ipaas.connector.testkit.UnreadableRecord;
import io.ipaas.connector.testkit.WebhookFixture;
import io.ipaas.connector.testkit.WriterFixture;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;

/** The kit's contract, run against the example contacts API on a loopback port. */
class ExampleConnectorContractTest extends ConnectorContractTest {
    /** A delivery as the host hands it on: header names in lower case. */
    static WebhookRequest request(ContactsApiServer.Delivery delivery) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        delivery.headers().forEach((name, value) -> headers.put(name.toLowerCase(Locale.ROOT), List.of(value)));
        return new WebhookRequest("POST", headers, Map.of(), delivery.body(), Instant.now());
    }

    static final String API_KEY = "contract-key-5d1f0c";

    @Override
    protected ConnectorFactory factory() {
        return new ExampleConnectorFactory();
    }

    @Override
    protected ContractBackend startBackend() {
        ContactsApiServer api = ContactsApiServer.start(API_KEY, 120);
        AtomicInteger fresh = new AtomicInteger();
        return new ContractBackend() {
            @Override
            public Map<String, Object> validSettings() {
                Map<String, Object> settings = new LinkedHashMap<>();
                settings.put("baseUrl", api.baseUrl().toString());
                settings.put("apiKey", API_KEY);
                settings.put("pageSize", 40);
                return settings;
            }

            @Override
            public Optional<Map<String, Object>> settingsWithWrongCredentials() {
                Map<String, Object> settings = validSettings();
                settings.put("apiKey", "not-the-key-9b2e");
                return Optional.of(settings);
            }

            @Override
            public Map<String, Set<String>> expectedKeys() {
                return Map.of("contacts", new TreeSet<>(api.ids()));
            }

            @Override
            public OptionalLong requests() {
                return OptionalLong.of(api.requests());
            }

            @Override
            public Optional<RecordChanges> changeRecords(String entity) {
                List<String> ids = api.ids();
                String touched = ids.get(ids.size() / 3);
                String deleted = ids.get(ids.size() / 2);
                String added = "added-" + fresh.incrementAndGet();
                api.upsert(touched, Map.of("name", "Touched", "kind", "person"));
                api.upsert(added, Map.of("name", "Added", "kind", "company"));
                api.delete(deleted);
                return Optional.of(new RecordChanges(Set.of(touched), Set.of(added), Set.of(deleted), true));
            }

            @Override
            public List<WriterFixture> writerFixtures() {
                int n = fresh.incrementAndGet();
                return List.of(new WriterFixture(
                        "contacts",
                        List.of(
                                new OutboundRecord(
                                        "contacts",
                                        "written-" + n + "-a",
                                        Map.of("name", "Written A", "kind", "person"),
                                        Optional.empty()),
                                new OutboundRecord(
                                        "contacts",
                                        "written-" + n + "-b",
                                        Map.of("name", "Written B", "kind", "company"),
                                        Optional.empty())),
                        new OutboundRecord(
                                "contacts",
                                "written-" + n + "-bad",
                                Map.of("email", "no-name@example.com"),
                                Optional.empty())));
            }

            @Override
            public Optional<WebhookFixture> webhookFixture() {
                return Optional.of(new WebhookFixture() {
                    @Override
                    public String entity() {
                        return "contacts";
                    }

                    @Override
                    public WebhookRequest validNotification(Subscription subscription) {
                        return request(api.delivery(subscription.id(), "contact.updated", "c-00001"));
                    }

                    @Override
                    public WebhookRequest forgedNotification(Subscription subscription) {
                        return request(api.forgedDelivery(subscription.id(), "contact.updated", "c-00001"));
                    }
                });
            }

            /** A contact whose updatedAt is no instant, slipped in after the middle contact (its key is known). */
            @Override
            public Optional<UnreadableRecord> serveUnreadableRecord(String entity) {
                List<String> ids = api.ids();
                String after = ids.get(ids.size() / 2);
                String key = after + "-unreadable";
                Instant at = Instant.parse(api.contact(after).get("updatedAt").asText());
                api.addRaw(
                        key,
                        "{\"id\": \"" + key + "\", \"name\": \"Unreadable\", \"kind\": \"person\", \"version\": 1,"
                                + " \"deleted\": false, \"updatedAt\": \"the day before yesterday\"}",
                        at);
                return Optional.of(new UnreadableRecord() {
                    @Override
                    public Optional<String> key() {
                        return Optional.of(key);
                    }

                    @Override
                    public String flaw() {
                        return "updatedAt is 'the day before yesterday'";
                    }

                    @Override
                    public void close() {
                        api.removeRaw(key);
                    }
                });
            }

            /** 429 with Retry-After in seconds, or 503 without; the connector does not retry by itself. */
            @Override
            public boolean failNextRequests(int count, Optional<Duration> retryAfter) {
                for (int i = 0; i < count; i++) {
                    api.failNext(
                            retryAfter.isPresent() ? 429 : 503,
                            retryAfter
                                    .map(wait -> Long.toString(wait.toSeconds()))
                                    .orElse(null));
                }
                return true;
            }

            @Override
            public void close() {
                api.close();
            }
        };
    }
}
