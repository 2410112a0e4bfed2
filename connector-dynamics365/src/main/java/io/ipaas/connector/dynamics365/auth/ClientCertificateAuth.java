package io.ipaas.connector.dynamics365.auth;

import com.nimbusds.oauth2.sdk.ClientCredentialsGrant;
import com.nimbusds.oauth2.sdk.Scope;
import io.ipaas.connector.api.auth.AuthKind;
import io.ipaas.connector.api.auth.AuthState;
import io.ipaas.connector.api.auth.AuthStatus;
import io.ipaas.connector.api.auth.AuthStrategy;
import io.ipaas.connector.api.error.ConnectorException;
import io.ipaas.connector.dynamics365.settings.BcSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Client credentials with a certificate: every token request carries a freshly signed assertion, so there is no
 * shared secret to expire or leak.
 */
public final class ClientCertificateAuth implements AuthStrategy, TokenSource {
    /** Entra stops accepting a certificate the moment it expires; warn this long before. */
    static final Duration EXPIRY_WARNING = Duration.ofDays(30);

    private final CachedTokenSource tokens;
    private final CertificateCredential credential;
    private final Clock clock;

    public ClientCertificateAuth(
            EntraTokenClient client,
            String clientId,
            CertificateCredential credential,
            String algorithm,
            String scopes,
            Clock clock) {
        this.credential = credential;
        this.clock = clock;
        Scope scope = Scope.parse(scopes);
        this.tokens = new CachedTokenSource(
                () -> {
                    requireValidNow();
                    return client.request(
                                    ClientAssertion.create(
                                            clientId, client.tokenEndpoint(), credential, algorithm, clock),
                                    new ClientCredentialsGrant(),
                                    scope,
                                    TokenPurpose.APP)
                            .accessToken();
                },
                clock);
    }

    /** An expired certificate would only earn an opaque AADSTS error; say which certificate and what to do instead. */
    private void requireValidNow() {
        Instant now = clock.instant();
        Instant notAfter = credential.certificate().getNotAfter().toInstant();
        Instant notBefore = credential.certificate().getNotBefore().toInstant();
        if (now.isAfter(notAfter)) {
            throw ConnectorException.configuration(
                    BcSettings.CLIENT_CERTIFICATE,
                    "the certificate " + subject()
                            + " expired on " + notAfter
                            + "; create a new one, upload its public part to the app registration "
                            + "(Certificates & secrets) and put it with its private key into Client certificate",
                    null);
        }
        if (now.isBefore(notBefore)) {
            throw ConnectorException.configuration(
                    BcSettings.CLIENT_CERTIFICATE,
                    "the certificate " + subject() + " is valid only from " + notBefore
                            + "; check this machine's clock or use a certificate valid now",
                    null);
        }
    }

    private String subject() {
        return credential.certificate().getSubjectX500Principal().getName();
    }

    @Override
    public AuthKind kind() {
        return AuthKind.OAUTH_CLIENT_CERTIFICATE;
    }

    @Override
    public AuthStatus status() {
        Instant notAfter = credential.certificate().getNotAfter().toInstant();
        Duration left = Duration.between(clock.instant(), notAfter);
        if (left.isNegative()) {
            return new AuthStatus(
                    AuthState.NEEDS_REAUTH,
                    "the certificate " + subject() + " expired on " + notAfter
                            + "; replace Client certificate with a new one registered on the app",
                    Optional.of(notAfter),
                    Optional.of(EntraHints.NEW_CERTIFICATE));
        }
        String validity = left.compareTo(EXPIRY_WARNING) < 0
                ? " expires in " + left.toDays() + " days (on " + notAfter
                        + "); register a new certificate on the app and " + "replace Client certificate before then"
                : " valid until " + notAfter;
        return new AuthStatus(
                AuthState.CONNECTED,
                "signing in with certificate " + subject() + ";" + validity,
                Optional.of(notAfter),
                Optional.of(EntraHints.NEW_CERTIFICATE));
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
