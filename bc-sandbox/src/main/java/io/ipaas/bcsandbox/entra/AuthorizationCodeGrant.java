package io.ipaas.bcsandbox.entra;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code grant_type=authorization_code} (facts §7.3): redeems a code once, for the client and redirect URI it
 * was issued to, checking the PKCE verifier against the challenge. Returns a refresh token when the sign-in
 * asked for {@code offline_access}.
 */
public final class AuthorizationCodeGrant implements GrantHandler {
    private final ClientAuthenticator authenticator;
    private final TokenIssuer issuer;
    private final DelegatedSessions sessions;

    public AuthorizationCodeGrant(ClientAuthenticator authenticator, TokenIssuer issuer, DelegatedSessions sessions) {
        this.authenticator = authenticator;
        this.issuer = issuer;
        this.sessions = sessions;
    }

    @Override
    public String grantType() {
        return "authorization_code";
    }

    @Override
    public TokenResponse handle(TokenRequest request) {
        String codeValue = request.require("code");
        String redirectUri = request.require("redirect_uri");
        RegisteredApp app = authenticator.authenticateOrPublic(request);
        DelegatedSessions.Code code = sessions.redeem(codeValue);
        if (!code.clientId().equals(app.clientId()) || !code.redirectUri().equals(redirectUri)) {
            throw new EntraException(
                    400,
                    "invalid_grant",
                    70000,
                    "The provided value for the 'code' parameter is not " + "valid for this client or redirect URI.");
        }
        if (code.challenge() != null) {
            String verifier =
                    request.parameter("code_verifier").orElseThrow(() -> EntraErrors.missingParameter("code_verifier"));
            String computed = code.challengeMethod().equals("plain") ? verifier : s256(verifier);
            if (!MessageDigest.isEqual(
                    computed.getBytes(StandardCharsets.US_ASCII),
                    code.challenge().getBytes(StandardCharsets.US_ASCII))) {
                throw new EntraException(
                        400,
                        "invalid_grant",
                        501481,
                        "The Code_Verifier does not match the code_challenge "
                                + "supplied in the authorization request.");
            }
        }
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("scope", DelegatedScopes.granted(code.scope()));
        if (DelegatedScopes.offline(code.scope())) {
            extra.put("refresh_token", sessions.issueRefreshToken(app.clientId(), code.scope()));
        }
        return new TokenResponse(issuer.issue(app), issuer.lifetime().toSeconds(), extra);
    }

    static String s256(String verifier) {
        try {
            return Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString(
                            MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
