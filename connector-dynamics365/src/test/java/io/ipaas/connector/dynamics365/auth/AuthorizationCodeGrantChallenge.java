package io.ipaas.connector.dynamics365.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

/** The S256 PKCE challenge of a verifier, as a host computes it. */
final class AuthorizationCodeGrantChallenge {
    private AuthorizationCodeGrantChallenge() {
    }

    static String s256(String verifier) throws Exception {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
    }
}
