package io.ipaas.bcsandbox.http;

/** Told about every request the server handles, so the sandbox can count them. Must be thread-safe. */
public interface RequestListener {

    /** A call of the token endpoint. */
    void tokenRequest();

    /** An API call has started. */
    void apiStarted();

    /** The entity set or navigation the API call's URL ends in ("" for the service root). */
    void apiSegment(String segment);

    /** The API call has been answered with {@code status}. */
    void apiFinished(int status);

    /** A POST, PATCH or DELETE on an entity is served: a call on the wire, or one request inside a batch. */
    void apiWrite();

    /** The API call is a {@code $batch} of {@code requests} requests (counted once by {@link #apiStarted}). */
    void apiBatch(int requests);
}
