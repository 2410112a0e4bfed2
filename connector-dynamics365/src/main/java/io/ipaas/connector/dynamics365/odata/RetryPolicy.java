package io.ipaas.connector.dynamics365.odata;

import io.ipaas.connector.api.error.ConnectorException;
import io.ipaas.connector.api.error.ErrorKind;
import java.time.Duration;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * When a failed read is tried again inside the client, and after how long: exponential backoff with jitter for the
 * short hiccups (408, 429 without a long Retry-After, 409 deadlocks, 5xx, timeouts, resets), bounded in attempts and
 * in time. A Retry-After longer than {@link #retryAfterCap} is not slept on here: the failure goes to the host with
 * it, so the host waits (and says so) with the checkpoint committed, instead of a thread sleeping for minutes.
 *
 * @param retries how many times a failed request is repeated (0 turns retrying off)
 * @param base the first backoff; each further one doubles
 * @param maxBackoff the longest single backoff
 * @param retryAfterCap the longest Retry-After honoured in the client
 */
public record RetryPolicy(int retries, Duration base, Duration maxBackoff, Duration retryAfterCap) {
    /** 3 retries after about 0.25, 0.5 and 1 s (each between half and all of that), Retry-After up to 1 s. */
    public static final RetryPolicy STANDARD =
            new RetryPolicy(3, Duration.ofMillis(250), Duration.ofSeconds(4), Duration.ofSeconds(1));

    public static final RetryPolicy NONE = new RetryPolicy(0, Duration.ZERO, Duration.ZERO, Duration.ZERO);

    public RetryPolicy {
        if (retries < 0) {
            throw new IllegalArgumentException("retries must be >= 0");
        }
    }

    /**
     * How long to wait before repeating a request that failed this way, or empty when it is not repeated here.
     *
     * @param retry 1 for the first retry
     * @param random a uniform value in [0, 1) for the jitter
     */
    public Optional<Duration> delay(ConnectorException failure, int retry, DoubleSupplier random) {
        if (retry > retries || failure.kind() != ErrorKind.TRANSIENT) {
            return Optional.empty();
        }
        Optional<Duration> asked = failure.retryAfter();
        if (asked.isPresent() && asked.get().compareTo(retryAfterCap) > 0) {
            return Optional.empty();
        }
        long exponential = Math.min(maxBackoff.toMillis(), base.toMillis() << Math.min(retry - 1, 20));
        // "equal jitter": half fixed, half random, so retries of many clients spread out yet never stall at zero
        long jittered = exponential / 2 + (long) (random.getAsDouble() * (exponential / 2.0 + 1));
        long millis = Math.max(jittered, asked.map(Duration::toMillis).orElse(0L));
        return Optional.of(Duration.ofMillis(millis));
    }
}
