package io.ipaas.connector.api.auth;

import io.ipaas.connector.api.state.Secret;
import java.net.URI;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The redirect the identity provider sent back, after the host has checked its state value.
 *
 * @param redirectUri the redirect URI used in the authorize request (must be repeated when redeeming the code)
 * @param parameters the callback's query parameters (code, state, or error and error_description)
 * @param codeVerifier the PKCE verifier that belongs to this attempt, present exactly when the strategy uses PKCE
 */
public record AuthorizationCallback(URI redirectUri, Map<String, String> parameters, Optional<Secret> codeVerifier) {
    public AuthorizationCallback {
        Objects.requireNonNull(redirectUri, "redirectUri");
        parameters = Map.copyOf(parameters);
        Objects.requireNonNull(codeVerifier, "codeVerifier");
    }
}
