package io.ipaas.connector.dynamics365.auth;

import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.Scope;
import io.ipaas.connector.api.auth.AuthKind;
import io.ipaas.connector.api.auth.AuthState;
import io.ipaas.connector.api.auth.AuthStatus;
import io.ipaas.connector.api.auth.AuthStrategy;
import java.time.Clock;
import java.util.Optional;

/**
 * Client credentials with a certificate: every token request carries a freshly signed assertion, so there is no
 * shared secret to expire or leak.
 */
public final class ClientCertificateAuth implements AuthStrategy, TokenSource {
    private final CachedTokenSource tokens;
    private final CertificateCredential credential;

    public ClientCertificateAuth(EntraTokenClient client, String clientId, CertificateCredential credential, String algorithm,
                                 String scopes, Clock clock) {
        this.credential = credential;
        Scope scope = Scope.parse(scopes);
        this.tokens = new CachedTokenSource(() -> client.request(
                ClientAssertion.create(clientId, client.tokenEndpoint(), credential, algorithm, clock),
                new ClientCredentialsGrant(), scope, TokenPurpose.APP).accessToken(), clock);
    }

    @Override
    public AuthKind kind() {
        return AuthKind.CLIENT_CERTIFICATE;
    }

    @Override
    public AuthStatus status() {
        Optional<IssuedToken> token = tokens.peek();
        return new AuthStatus(AuthState.CONNECTED, "signing in with certificate " + credential.certificate()
                .getSubjectX500Principal().getName() + " (valid until " + credential.certificate().getNotAfter().toInstant() + ")",
                token.map(IssuedToken::expiresAt));
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
