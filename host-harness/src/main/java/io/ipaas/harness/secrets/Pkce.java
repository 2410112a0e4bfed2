package io.ipaas.harness.secrets;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/** RFC 7636 values: a 43-character verifier from 32 random bytes, its S256 challenge, and random state values. */
public final class Pkce {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

    private Pkce() {}

    /** 32 random bytes, base64url without padding: 43 characters of [A-Za-z0-9-_]. */
    public static String verifier() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return URL.encodeToString(bytes);
    }

    public static String challenge(String verifier) {
        try {
            return URL.encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An unguessable, single-use state value. */
    public static String state() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return URL.encodeToString(bytes);
    }
}
