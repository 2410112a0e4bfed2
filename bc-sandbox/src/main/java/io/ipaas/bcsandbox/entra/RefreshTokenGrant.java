package io.ipaas.bcsandbox.entra;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code grant_type=refresh_token} (facts §7.3): a new access token and, with rotation on, a new refresh token
 * that the client must store in place of the old one.
 */
public final class RefreshTokenGrant implements GrantHandler {
    private final ClientAuthenticator authenticator;
    private final TokenIssuer issuer;
    private final DelegatedSessions sessions;

    public RefreshTokenGrant(ClientAuthenticator authenticator, TokenIssuer issuer, DelegatedSessions sessions) {
        this.authenticator = authenticator;
        this.issuer = issuer;
        this.sessions = sessions;
    }

    @Override
    public String grantType() {
        return "refresh_token";
    }

    @Override
    public TokenResponse handle(TokenRequest request) {
        String token = request.require("refresh_token");
        RegisteredApp app = authenticator.authenticateOrPublic(request);
        DelegatedSessions.Refresh refresh = sessions.use(token);
        if (!refresh.clientId().equals(app.clientId())) {
            throw new EntraException(
                    400, "invalid_grant", 70000, "The refresh token was issued to another application.");
        }
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("scope", DelegatedScopes.granted(refresh.scope()));
        extra.put(
                "refresh_token",
                sessions.rotation() ? sessions.issueRefreshToken(app.clientId(), refresh.scope()) : token);
        return new TokenResponse(issuer.issue(app), issuer.lifetime().toSeconds(), extra);
    }
}
