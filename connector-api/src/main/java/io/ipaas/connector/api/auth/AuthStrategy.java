package io.ipaas.connector.api.auth;

import io.ipaas.connector.api.error.ConnectorException;
import java.net.URI;
import java.util.Optional;

/**
 * How one connection authenticates. Token acquisition, caching and refresh happen inside the connector;
 * this interface exposes the status and the steps a host must drive for interactive kinds.
 *
 * <p>Thread-safe. Methods may block on network I/O.
 */
public interface AuthStrategy {

    /** The kind in use for this connection. */
    AuthKind kind();

    /** Current status, without network I/O. */
    AuthStatus status();

    /**
     * Whether the host must generate a PKCE verifier (RFC 7636, S256) for an interactive sign-in. True by default for
     * interactive kinds, as OAuth 2.1 asks; a connector whose provider rejects PKCE returns false.
     */
    default boolean usesPkce() {
        return kind().interactive();
    }

    /**
     * What disconnecting does not do, and where the user revokes access at the provider, when the provider offers no
     * revocation the connector can call (for example "an admin revokes sessions in the provider's portal").
     */
    default Optional<String> revokeHint() {
        return Optional.empty();
    }

    /**
     * Builds the provider's authorize URL for an interactive sign-in.
     *
     * @throws ConnectorException UNSUPPORTED for non-interactive kinds; CONFIGURATION when the URL template is bad
     */
    default URI authorizationUrl(AuthorizationStart start) {
        throw ConnectorException.unsupported(kind() + " has no interactive authorization step");
    }

    /**
     * Completes an interactive sign-in: redeems the code and stores the tokens in the secret store.
     *
     * @throws ConnectorException AUTHENTICATION when the provider refuses; UNSUPPORTED for non-interactive kinds
     */
    default AuthStatus completeAuthorization(AuthorizationCallback callback) {
        throw ConnectorException.unsupported(kind() + " has no interactive authorization step");
    }

    /** Forgets cached and stored tokens. The next request needs a new token (or a new sign-in). */
    void disconnect();
}
