package io.ipaas.harness.plugin;

import io.ipaas.connector.api.ConnectorContext;
import io.ipaas.connector.api.state.SecretStore;
import io.ipaas.connector.api.state.StateStore;
import java.time.Clock;

/** What the harness lends one subscription's connector. */
public record HarnessContext(
        String instanceId, StateStore state, SecretStore secrets, Clock clock, System.Logger logger)
        implements ConnectorContext {}
