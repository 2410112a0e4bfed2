package io.ipaas.connector.testkit.reference;

import io.ipaas.connector.api.CheckResult;
import io.ipaas.connector.api.Connector;
import io.ipaas.connector.api.ConnectorContext;
import io.ipaas.connector.api.ConnectorMetrics;
import io.ipaas.connector.api.auth.AuthStrategy;
import io.ipaas.connector.api.entity.EntityAdapter;
import io.ipaas.connector.api.entity.EntityDescriptor;
import io.ipaas.connector.api.entity.EntityWriter;
import io.ipaas.connector.api.poll.PollSource;
import io.ipaas.connector.api.webhook.WebhookSink;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** One opened connection to the contacts service. */
final class ContactsConnector implements Connector {
    private final ContactsRemote remote;
    private final String key;
    private final RemoteCalls calls;
    private final ApiKeyAuth auth;
    private final ContactsPoller poller;
    private final ContactsWriter writer;
    private final Set<Flaw> flaws;
    private final ContactsWebhooks webhooks;

    ContactsConnector(ContactsRemote remote, String key, int pageSize, ConnectorContext context, Set<Flaw> flaws) {
        this.remote = remote;
        this.key = key;
        this.flaws = flaws;
        this.calls = new RemoteCalls(flaws);
        this.auth = new ApiKeyAuth(() -> calls.call(() -> remote.account(key)), flaws);
        this.poller = new ContactsPoller(
                (after, limit) -> calls.call(() -> remote.changesAfter(key, after, limit)), pageSize, flaws);
        this.writer = new ContactsWriter(remote, key, calls, flaws);
        this.webhooks = new ContactsWebhooks(remote, key, calls, context, flaws);
    }

    @Override
    public List<EntityAdapter> entities() {
        return List.of(new EntityAdapter() {
            @Override
            public EntityDescriptor descriptor() {
                return ContactsConnectorFactory.CONTACTS;
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
    public List<String> scopes() {
        return flaws.contains(Flaw.WORK_UNIT_IDS_COLLIDE) ? List.of("", "archive") : List.of("");
    }

    @Override
    public List<EntityAdapter> entities(String scope) {
        if (!scopes().contains(scope)) {
            return Connector.super.entities(scope);
        }
        return entities();
    }

    @Override
    public List<io.ipaas.connector.api.WorkUnit> workUnits() {
        if (!flaws.contains(Flaw.WORK_UNIT_IDS_COLLIDE)) {
            return Connector.super.workUnits();
        }
        return scopes().stream()
                .map(scope -> new io.ipaas.connector.api.WorkUnit(scope, "contacts", "contacts"))
                .toList();
    }

    @Override
    public AuthStrategy auth() {
        return auth;
    }

    @Override
    public Optional<WebhookSink> webhooks() {
        return Optional.of(webhooks);
    }

    @Override
    public CheckResult check() {
        return new CheckResult("reached " + calls.call(() -> remote.account(key)), Map.of());
    }

    @Override
    public Map<String, Long> metrics() {
        return Map.of(ConnectorMetrics.HTTP_REQUESTS, calls.count());
    }

    @Override
    public void close() {
        // nothing to release: the remote is in memory
    }
}
