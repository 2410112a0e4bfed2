package io.ipaas.harness.secrets;

/** The key that seals secrets is missing, malformed or not the one that sealed them; the message says what to do. */
public final class SecretKeyException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SecretKeyException(String message) {
        super(message, null, false, false);
    }
}
