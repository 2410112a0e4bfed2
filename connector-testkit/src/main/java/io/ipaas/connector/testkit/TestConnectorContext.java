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

    /** A context for one instance id whose expiry decisions follow {@code clock} (a test can move it). */
    public TestConnectorContext(String instanceId, Clock clock) {
        this.instanceId = instanceId;
        this.clock = clock;
    }

    /** A context on the system clock, with empty stores; share one between opens to model a restarted host. */
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

    /** The secret store with its test-only view of every value ever stored. */
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
