package io.ipaas.connector.example;

import io.ipaas.connector.api.ConnectorFactory;
import io.ipaas.connector.api.entity.OutboundRecord;
import io.ipaas.connector.example.server.ContactsApiServer;
import io.ipaas.connector.testkit.ConnectorContractTest;
import io.ipaas.connector.testkit.ContractBackend;
import io.ipaas.connector.testkit.RecordChanges;
import io.ipaas.connector.testkit.WriterFixture;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;

/** The kit's contract, run against the example contacts API on a loopback port. */
class ExampleConnectorContractTest extends ConnectorContractTest {
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
            public void close() {
                api.close();
            }
        };
    }
}
