package io.ipaas.connector.api.error;

/** Classifies a failure by what the host should do about it. */
public enum ErrorKind {
    /** A setting is wrong or missing (unknown company, bad URL, wrong secret). Stop and ask the user to fix it. */
    CONFIGURATION,
    /** Credentials were refused or a sign-in has lapsed. Pause and ask the user to re-authorize; never retry in a loop. */
    AUTHENTICATION,
    /** Signed in, but not allowed to do this. Pause and show which permission is missing. */
    PERMISSION,
    /** Throttling, timeouts, 5xx, connection resets. Retry later with back-off; state is unchanged. */
    TRANSIENT,
    /** One record was rejected or could not be read. Quarantine that record and carry on with the rest. */
    DATA,
    /**
     * The remote system answered something the connector cannot trust or use: a malformed body, a continuation
     * link to another host, an unexpected redirect. Nothing is committed; pause the entity and tell the user (or
     * the remote system's admin) what came back. Retrying is pointless until the remote side changes.
     */
    REMOTE,
    /** The operation or facet is not offered. A host/plugin pairing bug; fail loudly. */
    UNSUPPORTED,
    /** A bug in the connector. Fail the run and alert. */
    INTERNAL;

    /** True only for {@link #TRANSIENT}: the same call may succeed later without anyone changing anything. */
    public boolean retryable() {
        return this == TRANSIENT;
    }
}
