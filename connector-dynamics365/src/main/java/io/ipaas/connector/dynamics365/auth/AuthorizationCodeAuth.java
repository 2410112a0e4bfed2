package io.ipaas.connector.dynamics365.auth;

import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.AuthorizationGrant;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import io.ipaas.connector.api.ConnectorContext;
import io.ipaas.connector.api.auth.AuthKind;
import io.ipaas.connector.api.auth.AuthState;
import io.ipaas.connector.api.auth.AuthStatus;
import io.ipaas.connector.api.auth.AuthStrategy;
import io.ipaas.connector.api.auth.AuthorizationCallback;
import io.ipaas.connector.api.auth.AuthorizationStart;
import io.ipaas.connector.api.error.ConnectorException;
import io.ipaas.connector.api.error.ErrorKind;
import io.ipaas.connector.api.state.Secret;
import io.ipaas.connector.api.state.Versioned;
import io.ipaas.connector.dynamics365.settings.OAuthUrlTemplate;
import java.net.URI;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A user signs in once (authorization code with PKCE, from the install guide's URL template); the refresh token
 * then keeps the connection alive. Refresh tokens rotate: the new one is stored before the access token that came
 * with it is used. When Entra refuses the refresh token the connection moves to {@link AuthState#NEEDS_REAUTH} and
 * stays there, without retrying, until a user signs in again.
 */
public final class AuthorizationCodeAuth implements AuthStrategy, TokenSource {
    static final String REFRESH_TOKEN = "entra.refreshToken";
    static final String ACCESS_TOKEN = "entra.accessToken";
    static final String STATE = "entra.authorization";

    private final EntraTokenClient client;
    private final ClientID clientId;
    private final AppCredential credential;
    private final String tenantId;
    private final String scopes;
    private final String template;
    private final ConnectorContext context;
    private final CachedTokenSource tokens;

    public AuthorizationCodeAuth(
            EntraTokenClient client,
            String clientId,
            AppCredential credential,
            String tenantId,
            String scopes,
            String template,
            ConnectorContext context) {
        this.client = client;
        this.clientId = new ClientID(clientId);
        this.credential = credential;
        this.tenantId = tenantId;
        this.scopes = withOfflineAccess(scopes);
        this.template = template;
        this.context = context;
        this.tokens = new CachedTokenSource(this::refresh, context.clock());
        storedAccessToken().ifPresent(tokens::prime);
    }

    /** Without offline_access Entra issues no refresh token, and the connection would die within the hour. */
    static String withOfflineAccess(String scopes) {
        return (" " + scopes + " ").contains(" offline_access ") ? scopes.trim() : scopes.trim() + " offline_access";
    }

    @Override
    public AuthKind kind() {
        return AuthKind.OAUTH_AUTHORIZATION_CODE;
    }

    @Override
    public URI authorizationUrl(AuthorizationStart start) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put(OAuthUrlTemplate.TENANT_ID, tenantId);
        values.put(OAuthUrlTemplate.CLIENT_ID, clientId.getValue());
        values.put(OAuthUrlTemplate.SCOPES, scopes);
        values.put(OAuthUrlTemplate.REDIRECT_URL, start.redirectUri().toString());
        values.put(
                OAuthUrlTemplate.CODE_CHALLENGE,
                start.codeChallenge()
                        .orElseThrow(() -> ConnectorException.internal(
                                "the host started a Business Central sign-in without a PKCE challenge", null)));
        values.put(OAuthUrlTemplate.STATE, start.state());
        return URI.create(OAuthUrlTemplate.expand(template, values));
    }

    @Override
    public AuthStatus completeAuthorization(AuthorizationCallback callback) {
        Map<String, String> parameters = callback.parameters();
        if (parameters.containsKey("error")) {
            throw ConnectorException.authentication(
                    "the sign-in was not completed: " + parameters.get("error")
                            + Optional.ofNullable(parameters.get("error_description"))
                                    .map(d -> " (" + d.replaceAll("\\s+", " ").trim() + ")")
                                    .orElse("")
                            + "; start the sign-in again",
                    null);
        }
        String code = parameters.get("code");
        if (code == null || code.isBlank()) {
            throw ConnectorException.authentication(
                    "the sign-in redirect carried no code; start the sign-in again", null);
        }
        TokenGrant grant = request(
                new AuthorizationCodeGrant(
                        new AuthorizationCode(code),
                        callback.redirectUri(),
                        new CodeVerifier(callback.codeVerifier()
                                .orElseThrow(() -> ConnectorException.internal(
                                        "the host completed a Business Central sign-in without its PKCE verifier",
                                        null))
                                .reveal())),
                TokenPurpose.CODE_REDEMPTION);
        Secret refreshToken = grant.refreshToken()
                .orElseThrow(() -> ConnectorException.configuration(
                        io.ipaas.connector.dynamics365.settings.BcSettings.SCOPES,
                        "Microsoft Entra ID issued no refresh token; "
                                + "the app registration must allow offline_access for this sign-in to last",
                        null));
        store(grant.accessToken(), refreshToken);
        tokens.prime(grant.accessToken());
        setState(AuthState.CONNECTED, "signed in");
        context.logger().log(System.Logger.Level.INFO, "authorization completed for {0}", context.instanceId());
        return status();
    }

    @Override
    public AuthStatus status() {
        Optional<Map<String, Object>> state = context.state().get(STATE).map(Versioned::value);
        if (state.isPresent()
                && AuthState.NEEDS_REAUTH.name().equals(state.get().get("state"))) {
            return new AuthStatus(
                    AuthState.NEEDS_REAUTH,
                    String.valueOf(state.get().get("message")),
                    Optional.empty(),
                    Optional.of(EntraHints.SIGN_IN_AGAIN));
        }
        if (context.secrets().get(REFRESH_TOKEN).isEmpty()) {
            return new AuthStatus(
                    AuthState.NOT_CONNECTED,
                    "no user has signed in yet; a user must sign in before pulling",
                    Optional.empty(),
                    Optional.of(EntraHints.SIGN_IN_AGAIN));
        }
        return new AuthStatus(
                AuthState.CONNECTED,
                "signed in; the refresh token is renewed on every use",
                Optional.empty(),
                Optional.of(EntraHints.SIGN_IN_AGAIN));
    }

    @Override
    public Optional<String> revokeHint() {
        return Optional.of(EntraHints.REVOKE);
    }

    @Override
    public void disconnect() {
        tokens.invalidate();
        context.secrets().delete(REFRESH_TOKEN);
        context.secrets().delete(ACCESS_TOKEN);
        context.state().delete(STATE);
    }

    @Override
    public String accessToken() {
        return tokens.accessToken();
    }

    @Override
    public String refreshAfterRejection(String rejected) {
        return tokens.refreshAfterRejection(rejected);
    }

    private IssuedToken refresh() {
        AuthStatus status = status();
        if (status.state() != AuthState.CONNECTED) {
            // nothing to refresh with; never loop against Entra while a user has to act
            throw ConnectorException.authentication(
                    io.ipaas.connector.dynamics365.settings.BcSettings.GRANT_TYPE, status.message(), null);
        }
        Secret refreshToken = context.secrets().get(REFRESH_TOKEN).orElseThrow();
        TokenGrant grant;
        try {
            grant = request(new RefreshTokenGrant(new RefreshToken(refreshToken.reveal())), TokenPurpose.REFRESH);
        } catch (ConnectorException e) {
            if (e.kind() == ErrorKind.AUTHENTICATION) {
                setState(AuthState.NEEDS_REAUTH, e.getMessage());
            }
            throw e;
        }
        store(grant.accessToken(), grant.refreshToken().orElse(refreshToken));
        return grant.accessToken();
    }

    private TokenGrant request(AuthorizationGrant grant, TokenPurpose purpose) {
        Scope scope = Scope.parse(scopes);
        return credential
                .next()
                .map(authentication -> client.request(authentication, grant, scope, purpose))
                .orElseGet(() -> client.request(clientId, grant, scope, purpose));
    }

    /**
     * The refresh token first: once it is stored, losing the access token only costs one more refresh. Called from
     * inside the cache's loader during a refresh, so it must not touch the cache itself.
     */
    private void store(IssuedToken accessToken, Secret refreshToken) {
        context.secrets().put(REFRESH_TOKEN, refreshToken);
        context.secrets().put(ACCESS_TOKEN, Secret.of(accessToken.expiresAt() + " " + accessToken.value()));
    }

    private Optional<IssuedToken> storedAccessToken() {
        return context.secrets().get(ACCESS_TOKEN).flatMap(stored -> {
            String[] parts = stored.reveal().split(" ", 2);
            try {
                return parts.length == 2
                        ? Optional.of(new IssuedToken(parts[1], Instant.parse(parts[0])))
                        : Optional.empty();
            } catch (java.time.format.DateTimeParseException e) {
                return Optional.empty();
            }
        });
    }

    private void setState(AuthState state, String message) {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("state", state.name());
        value.put("message", message);
        value.put("at", context.clock().instant().toString());
        for (int attempt = 0; attempt < 5; attempt++) {
            long version = context.state().get(STATE).map(Versioned::version).orElse(0L);
            if (context.state().compareAndSet(STATE, version, value)) {
                return;
            }
        }
        throw ConnectorException.internal("could not record the sign-in state; another worker keeps changing it", null);
    }
}
