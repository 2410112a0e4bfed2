package io.ipaas.connector.testkit.reference;

import io.ipaas.connector.api.ConnectorFactory;
import io.ipaas.connector.testkit.ConnectorContractTest;
import io.ipaas.connector.testkit.ContractBackend;
import java.util.EnumSet;
import java.util.Set;

/** The contract kit run against the reference connector, built with the given flaws (none: the good one). */
abstract class ReferenceContract extends ConnectorContractTest {
    private final Set<Flaw> flaws;
    private ContactsBackend backend;

    ReferenceContract(Flaw... flaws) {
        this.flaws = flaws.length == 0 ? EnumSet.noneOf(Flaw.class) : EnumSet.of(flaws[0], flaws);
    }

    @Override
    protected ConnectorFactory factory() {
        return new ContactsConnectorFactory(backend.remote(), flaws);
    }

    @Override
    protected ContractBackend startBackend() {
        backend = new ContactsBackend();
        return backend;
    }

    @Override
    protected int maxRecordsPerPoll() {
        return 6;
    }
}
