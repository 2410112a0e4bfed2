package io.ipaas.connector.dynamics365.auth;

import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.auth.ClientSecretPost;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.ClientID;
import io.ipaas.connector.api.auth.AuthKind;
import io.ipaas.connector.api.auth.AuthState;
import io.ipaas.connector.api.auth.AuthStatus;
import io.ipaas.connector.api.auth.AuthStrategy;
import java.time.Clock;
import java.util.Optional;

/**
 * Client credentials with a shared secret: the app signs in as itself, unattended. Entra ID issues no
 * refresh token for this grant, so a new access token is requested when the cached one nears expiry.
 */
public final class ClientSecretAuth implements AuthStrategy, TokenSource {
    private final CachedTokenSource tokens;

    public ClientSecretAuth(
            EntraTokenClient client,
            String clientId,
            io.ipaas.connector.api.state.Secret clientSecret,
            String scopes,
            Clock clock) {
        ClientSecretPost authentication =
                new ClientSecretPost(new ClientID(clientId), new Secret(clientSecret.reveal()));
        Scope scope = Scope.parse(scopes);
        this.tokens = new CachedTokenSource(
                () -> client.request(authentication, new ClientCredentialsGrant(), scope, TokenPurpose.APP)
                        .accessToken(),
                clock);
    }

    @Override
    public AuthKind kind() {
        return AuthKind.OAUTH_CLIENT_CREDENTIALS;
    }

    @Override
    public AuthStatus status() {
        return new AuthStatus(
                AuthState.CONNECTED,
                tokens.peek().isPresent()
                        ? "signed in with the client secret"
                        : "client secret configured; a token is requested on first use",
                Optional.empty(),
                Optional.of(EntraHints.NEW_SECRET));
    }

    @Override
    public Optional<String> revokeHint() {
        return Optional.of(EntraHints.REVOKE);
    }

    @Override
    public void disconnect() {
        tokens.invalidate();
    }

    @Override
    public String accessToken() {
        return tokens.accessToken();
    }

    @Override
    public String refreshAfterRejection(String rejected) {
        return tokens.refreshAfterRejection(rejected);
    }
}
