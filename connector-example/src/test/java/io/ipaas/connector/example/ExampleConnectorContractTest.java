package io.ipaas.connector.example;

import io.ipaas.connector.api.ConnectorFactory;
import io.ipaas.connector.example.server.ContactsApiServer;
import io.ipaas.connector.testkit.ConnectorContractTest;
import io.ipaas.connector.testkit.ContractBackend;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

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
            public Map<String, Object> settingsWithWrongCredentials() {
                Map<String, Object> settings = validSettings();
                settings.put("apiKey", "not-the-key-9b2e");
                return settings;
            }

            @Override
            public Map<String, Set<String>> expectedKeys() {
                return Map.of("contacts", new TreeSet<>(api.ids()));
            }

            @Override
            public void close() {
                api.close();
            }
        };
    }
}
