package io.ipaas.connector.testkit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A PKCE verifier and its S256 challenge (RFC 7636), made the way a host makes them: 32 random bytes, base64url
 * without padding, so 43 characters.
 *
 * @param verifier kept by the host, sent when the code is redeemed
 * @param challenge sent in the authorize URL
 */
public record PkcePair(String verifier, String challenge) {

    /** A fresh random pair. */
    public static PkcePair random() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return of(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }

    /** The pair for a given verifier. */
    public static PkcePair of(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return new PkcePair(
                    verifier, Base64.getUrlEncoder().withoutPadding().encodeToString(digest));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
