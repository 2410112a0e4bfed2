package io.ipaas.connector.dynamics365.auth;

import io.ipaas.connector.api.state.Secret;
import java.util.Objects;
import java.util.Optional;

/**
 * What a successful token request returned.
 *
 * @param accessToken the bearer token and its expiry
 * @param refreshToken the refresh token, for grants that issue one (never for client credentials)
 */
public record TokenGrant(IssuedToken accessToken, Optional<Secret> refreshToken) {
    public TokenGrant {
        Objects.requireNonNull(accessToken, "accessToken");
        Objects.requireNonNull(refreshToken, "refreshToken");
    }
}
