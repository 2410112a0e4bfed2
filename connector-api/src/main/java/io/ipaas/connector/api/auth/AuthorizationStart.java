package io.ipaas.connector.api.auth;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * What the host generated for one interactive authorization attempt. The host keeps the state and the PKCE
 * verifier; the connector only turns them into its provider's authorize URL.
 *
 * @param redirectUri where the identity provider sends the browser back
 * @param state single-use, unguessable value the callback must echo
 * @param codeChallenge the PKCE S256 challenge of the host-held verifier, present exactly when the strategy
 *     {@linkplain AuthStrategy#usesPkce() uses PKCE}
 */
public record AuthorizationStart(URI redirectUri, String state, Optional<String> codeChallenge) {
    public AuthorizationStart {
        Objects.requireNonNull(redirectUri, "redirectUri");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(codeChallenge, "codeChallenge");
    }
}
