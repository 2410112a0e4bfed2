package io.ipaas.kafkaconnect;

import io.ipaas.connector.api.ConnectorContext;
import io.ipaas.connector.api.state.SecretStore;
import io.ipaas.connector.api.state.StateStore;
import java.time.Clock;

/**
 * What the adapter lends an opened connector on a worker: in-memory state, the system clock, the JDK's logger, and the
 * task's part of the remote account's request budget.
 */
final class UnitContext implements ConnectorContext {
    private final String instanceId;
    private final MemoryState state = new MemoryState();
    private final double budgetShare;

    UnitContext(String instanceId) {
        this(instanceId, 1.0);
    }

    /** A task's context: it may spend {@code budgetShare} of the remote account's request budget. */
    UnitContext(String instanceId, double budgetShare) {
        this.instanceId = instanceId;
        this.budgetShare = budgetShare;
    }

    @Override
    public double requestBudgetShare() {
        return budgetShare;
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
        return state.secrets();
    }

    @Override
    public Clock clock() {
        return Clock.systemUTC();
    }

    @Override
    public System.Logger logger() {
        return System.getLogger("io.ipaas.kafkaconnect." + instanceId);
    }
}
