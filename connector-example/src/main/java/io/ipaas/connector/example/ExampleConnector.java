package io.ipaas.connector.example;

import com.fasterxml.jackson.databind.JsonNode;
import io.ipaas.connector.api.CheckResult;
import io.ipaas.connector.api.Connector;
import io.ipaas.connector.api.auth.AuthStrategy;
import io.ipaas.connector.api.entity.EntityAdapter;
import io.ipaas.connector.api.entity.EntityDescriptor;
import io.ipaas.connector.api.entity.EntityWriter;
import io.ipaas.connector.api.poll.PollSource;
import io.ipaas.connector.api.webhook.WebhookSink;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One opened connection to the contacts API. Thread-safe: it holds no mutable state besides counters. */
final class ExampleConnector implements Connector {
    private final ContactsApi api;
    private final ApiKeyAuth auth;
    private final Metrics metrics;
    private final List<EntityAdapter> entities;
    private final ContactsWebhooks webhooks;

    ExampleConnector(ContactsApi api, ApiKeyAuth auth, Metrics metrics, int pageSize, ContactsWebhooks webhooks) {
        this.api = api;
        this.webhooks = webhooks;
        this.auth = auth;
        this.metrics = metrics;
        ContactsPoller poller = new ContactsPoller(api, pageSize, metrics);
        ContactsWriter writer = new ContactsWriter(api, metrics);
        this.entities = List.of(new EntityAdapter() {
            @Override
            public EntityDescriptor descriptor() {
                return ExampleConnectorFactory.CONTACTS;
            }

            @Override
            public Optional<PollSource> pollSource() {
                return Optional.of(poller);
            }

            @Override
            public Optional<EntityWriter> writer() {
                return Optional.of(writer);
            }
        });
    }

    @Override
    public List<EntityAdapter> entities() {
        return entities;
    }

    @Override
    public AuthStrategy auth() {
        return auth;
    }

    @Override
    public Optional<WebhookSink> webhooks() {
        return Optional.of(webhooks);
    }

    /** One request: {@code GET /v1/me} proves the address, the key and the account. */
    @Override
    public CheckResult check() {
        JsonNode me = api.get("/v1/me", Map.of());
        String account = me.path("account").asText("?");
        return new CheckResult(
                "connected to the contacts API as account '" + account + "'", Map.of("account", account));
    }

    @Override
    public Map<String, Long> metrics() {
        return metrics.snapshot();
    }

    /** Nothing to release: the JDK HTTP client of Java 17 has no close, and its idle connections time out. */
    @Override
    public void close() {}
}
