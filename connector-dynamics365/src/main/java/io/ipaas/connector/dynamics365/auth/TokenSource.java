package io.ipaas.connector.dynamics365.auth;

/** Supplies bearer tokens for Business Central requests. Thread-safe. */
public interface TokenSource {

    /** A valid access token, from the cache when possible. */
    String accessToken();

    /**
     * Called when Business Central refused {@code rejected} although we believed it valid: drops it and
     * fetches a new one (one request even when many callers report the same token).
     */
    String refreshAfterRejection(String rejected);
}
