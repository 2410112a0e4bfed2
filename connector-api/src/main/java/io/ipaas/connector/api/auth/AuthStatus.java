package io.ipaas.connector.api.auth;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a connection's credentials stand, in words for the user. Known without network I/O.
 *
 * @param state where the connection stands
 * @param message what it means, e.g. which app or account is used
 * @param credentialExpiresAt when the credential the user manages stops working (a certificate's end of validity, a
 *     client secret's expiry, a sign-in's end), if known; never the lifetime of a short-lived access token, which
 *     the connector renews by itself
 * @param reconnectHint what the user does to (re)connect when the state is not {@link AuthState#CONNECTED}, in the
 *     connector's own words (which setting to replace, where to sign in); the host adds how to do it in the host
 */
public record AuthStatus(
        AuthState state, String message, Optional<Instant> credentialExpiresAt, Optional<String> reconnectHint) {
    public AuthStatus {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(credentialExpiresAt, "credentialExpiresAt");
        Objects.requireNonNull(reconnectHint, "reconnectHint");
    }

    /** Connected, with nothing the user must do. */
    public static AuthStatus connected(String message) {
        return new AuthStatus(AuthState.CONNECTED, message, Optional.empty(), Optional.empty());
    }

    /** This status with the user-managed credential's expiry. */
    public AuthStatus withCredentialExpiry(Instant expiresAt) {
        return new AuthStatus(state, message, Optional.of(expiresAt), reconnectHint);
    }
}
