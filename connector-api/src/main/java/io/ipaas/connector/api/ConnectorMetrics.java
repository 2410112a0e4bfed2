package io.ipaas.connector.api;

/**
 * Names of the counters in {@link Connector#metrics()} that hosts read. A connector may report more; these mean
 * the same thing in every connector.
 */
public final class ConnectorMetrics {
    /** Requests sent to the remote system's data API (not counting token requests). */
    public static final String HTTP_REQUESTS = "http.requests";
    /** Requests sent to an identity provider for a token. */
    public static final String AUTH_TOKEN_REQUESTS = "auth.tokenRequests";
    /** Records handed to the host by poll sources. */
    public static final String RECORDS_READ = "records.read";
    /** Records rejected by poll sources (see {@link io.ipaas.connector.api.poll.RejectedRecord}). */
    public static final String RECORDS_REJECTED = "records.rejected";

    private ConnectorMetrics() {}
}
