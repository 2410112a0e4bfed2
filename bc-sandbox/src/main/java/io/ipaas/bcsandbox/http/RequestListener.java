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
}
