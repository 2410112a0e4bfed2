package io.ipaas.harness.sync;

import java.time.Duration;

/** Told after every committed batch, and before every wait for a retry, for progress displays. */
@FunctionalInterface
public interface PullProgress {
    PullProgress NONE = (received, pages) -> {};

    void committed(long received, long pages);

    /**
     * The pull waits before polling again after a transient failure. Called on the thread that polls.
     *
     * @param wait how long it waits
     * @param attempt the retry about to be made (1-based)
     * @param maxAttempts retries allowed in a row
     * @param reason the failure, one line
     */
    default void retrying(Duration wait, int attempt, int maxAttempts, String reason) {}
}
