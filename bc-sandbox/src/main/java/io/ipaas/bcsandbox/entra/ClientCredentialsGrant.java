package io.ipaas.bcsandbox.entra;

import java.util.Map;

/**
 * {@code grant_type=client_credentials} (facts §7.2): a confidential client, exactly the BC resource's
 * {@code .default} scope, an app-only access token and never a refresh token.
 */
public final class ClientCredentialsGrant implements GrantHandler {
    /** The only scope accepted: BC's resource with {@code .default}. */
    public static final String BC_SCOPE = "https://api.businesscentral.dynamics.com/.default";

    private final ClientAuthenticator authenticator;
    private final TokenIssuer issuer;

    public ClientCredentialsGrant(ClientAuthenticator authenticator, TokenIssuer issuer) {
        this.authenticator = authenticator;
        this.issuer = issuer;
    }

    @Override
    public String grantType() {
        return "client_credentials";
    }

    @Override
    public TokenResponse handle(TokenRequest request) {
        String scope = request.require("scope");
        RegisteredApp app = authenticator.authenticate(request);
        if (!scope.trim().equals(BC_SCOPE)) {
            throw EntraErrors.invalidScope(scope);
        }
        return new TokenResponse(issuer.issue(app), issuer.lifetime().toSeconds(), Map.of());
    }
}
