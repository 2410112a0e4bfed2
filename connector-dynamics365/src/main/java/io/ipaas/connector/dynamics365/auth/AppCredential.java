package io.ipaas.connector.dynamics365.auth;

import com.nimbusds.oauth2.sdk.auth.ClientAuthentication;
import java.util.Optional;

/**
 * How the app proves itself when redeeming a code or a refresh token: a secret, a fresh certificate assertion,
 * or nothing at all (a public client, protected by PKCE alone).
 */
@FunctionalInterface
public interface AppCredential {
    /** A client authentication for one request, or empty for a public client. */
    Optional<ClientAuthentication> next();
}
