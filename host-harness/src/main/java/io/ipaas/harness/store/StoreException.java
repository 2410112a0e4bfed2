package io.ipaas.harness.store;

/** The store could not read or write; the message says what and, where possible, why. */
public final class StoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
