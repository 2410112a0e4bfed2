package io.ipaas.connector.example;

import io.ipaas.connector.api.auth.AuthKind;
import io.ipaas.connector.api.auth.AuthState;
import io.ipaas.connector.api.auth.AuthStatus;
import io.ipaas.connector.api.auth.AuthStrategy;
import io.ipaas.connector.api.state.Secret;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A static API key in a header. Nothing to fetch or refresh, so the status needs no network: it is CONNECTED until
 * the API refuses the key, then NEEDS_REAUTH until a request with it succeeds again.
 */
final class ApiKeyAuth implements AuthStrategy {
    static final String HEADER = "X-Api-Key";

    private final Secret apiKey;
    private final String host;
    private final AtomicReference<Instant> refusedAt = new AtomicReference<>();

    ApiKeyAuth(Secret apiKey, String host) {
        this.apiKey = apiKey;
        this.host = host;
    }

    @Override
    public AuthKind kind() {
        return AuthKind.API_KEY;
    }

    @Override
    public AuthStatus status() {
        Instant refused = refusedAt.get();
        if (refused == null) {
            return AuthStatus.connected("API key set; sent as " + HEADER + " to " + host + " only");
        }
        return new AuthStatus(
                AuthState.NEEDS_REAUTH,
                host + " refused the API key at " + refused,
                Optional.empty(),
                Optional.of("put a valid key in " + ExampleSettings.API_KEY));
    }

    /** Nothing is cached or stored besides the setting, so there is nothing to forget but the last refusal. */
    @Override
    public void disconnect() {
        refusedAt.set(null);
    }

    /** The header value; only {@link ContactsApi} calls this, for requests to the configured host. */
    String headerValue() {
        return apiKey.reveal();
    }

    void refused(Instant at) {
        refusedAt.set(at);
    }

    void accepted() {
        refusedAt.set(null);
    }
}
