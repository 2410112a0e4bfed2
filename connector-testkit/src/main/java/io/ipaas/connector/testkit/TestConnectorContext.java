package io.ipaas.connector.testkit;

import io.ipaas.connector.api.ConnectorContext;
import io.ipaas.connector.api.state.SecretStore;
import io.ipaas.connector.api.state.StateStore;
import java.time.Clock;

/** A {@link ConnectorContext} made of the kit's fakes. */
public final class TestConnectorContext implements ConnectorContext {
    private final String instanceId;
    private final InMemoryStateStore state = new InMemoryStateStore();
    private final InMemorySecretStore secrets = new InMemorySecretStore();
    private final CapturingLogger logger = new CapturingLogger();
    private final Clock clock;

    public TestConnectorContext(String instanceId, Clock clock) {
        this.instanceId = instanceId;
        this.clock = clock;
    }

    public static TestConnectorContext create() {
        return new TestConnectorContext("test-instance", Clock.systemUTC());
    }

    @Override
    public String instanceId() {
        return instanceId;
    }

    @Override
    public StateStore state() {
        return state;
    }

    @Override
    public SecretStore secrets() {
        return secrets;
    }

    public InMemorySecretStore secretStore() {
        return secrets;
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public CapturingLogger logger() {
        return logger;
    }
}
