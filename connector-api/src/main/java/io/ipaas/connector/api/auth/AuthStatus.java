package io.ipaas.connector.api.auth;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The current authentication state with a user-facing explanation.
 *
 * @param state where the connection stands
 * @param message what it means and, when action is needed, what to do
 * @param accessTokenExpiresAt when the cached access token expires, if one is cached
 */
public record AuthStatus(AuthState state, String message, Optional<Instant> accessTokenExpiresAt) {
    public AuthStatus {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(accessTokenExpiresAt, "accessTokenExpiresAt");
    }
}
