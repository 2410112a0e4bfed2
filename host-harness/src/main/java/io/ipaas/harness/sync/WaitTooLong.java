package io.ipaas.harness.sync;

import io.ipaas.connector.api.error.ConnectorException;
import java.time.Duration;

/**
 * The remote asked for a longer pause than the pull may wait: the pull stops instead of sleeping, and the
 * committed checkpoint stays where it was, so the next pull resumes there.
 */
public final class WaitTooLong extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final Duration asked;
    private final Duration maxWait;

    WaitTooLong(String entity, Duration asked, Duration maxWait, ConnectorException cause) {
        super(
                "pulling " + entity + " stopped: the remote asked to wait " + asked.toSeconds() + " s ("
                        + cause.getMessage() + "), longer than the " + maxWait.toSeconds()
                        + " s a pull may wait; the committed checkpoint stays, so the next pull resumes there",
                cause);
        this.asked = asked;
        this.maxWait = maxWait;
    }

    public Duration asked() {
        return asked;
    }

    public Duration maxWait() {
        return maxWait;
    }
}
