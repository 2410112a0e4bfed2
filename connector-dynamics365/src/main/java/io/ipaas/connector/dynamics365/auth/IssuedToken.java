package io.ipaas.connector.dynamics365.auth;

import java.time.Instant;
import java.util.Objects;

/**
 * An access token and when it expires. {@link #toString()} never shows the token.
 *
 * @param value the bearer token
 * @param expiresAt expiry as computed from {@code expires_in} at receipt
 */
public record IssuedToken(String value, Instant expiresAt) {
    public IssuedToken {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    @Override
    public String toString() {
        return "IssuedToken[expiresAt=" + expiresAt + "]";
    }
}
