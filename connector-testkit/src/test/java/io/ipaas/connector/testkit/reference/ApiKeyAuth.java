package io.ipaas.connector.testkit.reference;

import io.ipaas.connector.api.auth.AuthKind;
import io.ipaas.connector.api.auth.AuthStatus;
import io.ipaas.connector.api.auth.AuthStrategy;
import java.util.Set;

/** A static API key: always connected as far as the connector can tell without asking the remote. */
final class ApiKeyAuth implements AuthStrategy {
    private final Runnable probe;
    private final Set<Flaw> flaws;

    ApiKeyAuth(Runnable probe, Set<Flaw> flaws) {
        this.probe = probe;
        this.flaws = flaws;
    }

    @Override
    public AuthKind kind() {
        return AuthKind.API_KEY;
    }

    @Override
    public AuthStatus status() {
        if (flaws.contains(Flaw.STATUS_MAKES_A_REQUEST)) {
            probe.run();
        }
        return AuthStatus.connected("uses the configured API key");
    }

    @Override
    public void disconnect() {
        // nothing cached: the key lives in the settings
    }
}
