package io.ipaas.connector.dynamics365.odata;

import io.ipaas.connector.api.error.ConnectorException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Keeps this JVM inside Business Central's limits, which are per environment and principal, not per connection
 * (facts §6): at most {@value #MAX_IN_FLIGHT} requests being processed at once and {@value #WINDOW_REQUESTS} in any
 * five minutes. Every connector instance that shares an environment and a principal shares one governor (see
 * {@link #shared}), whatever company or entity it reads, so several subscriptions cannot add up to a 429.
 *
 * <p>Nothing waits without a bound: a request that would wait longer than the caller's limit fails as TRANSIENT
 * with the time until a slot frees as its {@code retryAfter}, and the host decides (and says) whether to wait.
 */
public final class RateGovernor {
    public static final int MAX_IN_FLIGHT = 5;
    public static final int WINDOW_REQUESTS = 6_000;
    public static final Duration WINDOW = Duration.ofMinutes(5);

    private static final ConcurrentMap<String, RateGovernor> SHARED = new ConcurrentHashMap<>();

    private final int maxInFlight;
    private final Semaphore inFlight;
    private final int windowRequests;
    private final long windowMillis;
    private final Clock clock;
    /** Start times of the last {@code windowRequests} requests, oldest at {@code next} once full. */
    private final long[] starts;

    private int next;
    private int count;

    RateGovernor(int maxInFlight, int windowRequests, Duration window, Clock clock) {
        this.maxInFlight = maxInFlight;
        this.inFlight = new Semaphore(maxInFlight, true);
        this.windowRequests = windowRequests;
        this.windowMillis = window.toMillis();
        this.clock = clock;
        this.starts = new long[windowRequests];
    }

    /** The governor of one environment and principal, made on first use and kept for the JVM's life. */
    public static RateGovernor shared(String environmentAndPrincipal) {
        return shared(environmentAndPrincipal, 1.0);
    }

    /**
     * The governor of one environment and principal for a process that may spend only {@code share} of BC's budget
     * (other processes spend the rest): at least one request in flight, and that share of the five-minute budget.
     * Connections with the same share in this JVM share one governor.
     */
    public static RateGovernor shared(String environmentAndPrincipal, double share) {
        if (!(share > 0 && share <= 1)) {
            throw new IllegalArgumentException("a budget share is over 0 and at most 1, not " + share);
        }
        return SHARED.computeIfAbsent(
                environmentAndPrincipal + (share == 1.0 ? "" : "|share=" + share),
                key -> new RateGovernor(
                        inFlightFor(share), Math.max(1, (int) (WINDOW_REQUESTS * share)), WINDOW, Clock.systemUTC()));
    }

    /** Requests in flight allowed to a process with this share of the budget: never none. */
    static int inFlightFor(double share) {
        return Math.max(1, (int) Math.floor(MAX_IN_FLIGHT * share + 1e-9));
    }

    /** Most requests in flight at once. */
    public int maxInFlight() {
        return maxInFlight;
    }

    /** Most requests in any five minutes. */
    public int windowRequests() {
        return windowRequests;
    }

    /** A slot among the requests in flight; close it when the response has been read. */
    public interface Slot extends AutoCloseable {
        @Override
        void close();
    }

    /** Takes one of the in-flight slots, waiting at most {@code maxWait} for one. */
    public Slot enter(Duration maxWait) {
        try {
            if (!inFlight.tryAcquire(maxWait.toMillis(), TimeUnit.MILLISECONDS)) {
                throw ConnectorException.transientFailure(
                        maxInFlight + " requests to this Business Central environment were already in flight for "
                                + maxWait.toSeconds() + " s (its limit per principal); retrying later",
                        null,
                        null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ConnectorException.transientFailure("interrupted while waiting to call Business Central", null, e);
        }
        return inFlight::release;
    }

    /**
     * Counts one request against the five-minute budget, first waiting up to {@code maxWait} when the budget is
     * spent.
     *
     * @return how long it waited
     */
    public Duration spend(Duration maxWait) {
        long waited = 0;
        while (true) {
            long wait = reserve();
            if (wait == 0) {
                return Duration.ofMillis(waited);
            }
            if (waited + wait > maxWait.toMillis()) {
                throw ConnectorException.transientFailure(
                        WINDOW_REQUESTS + " requests were sent to this Business Central environment in the last "
                                + WINDOW.toMinutes() + " minutes (its limit per principal); the next one may go in "
                                + Math.max(1, wait / 1000) + " s",
                        Duration.ofMillis(wait),
                        null);
            }
            try {
                Thread.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw ConnectorException.transientFailure(
                        "interrupted while waiting for Business Central's request budget", null, e);
            }
            waited += wait;
        }
    }

    /** Records a start now and returns 0, or returns how long until the oldest start leaves the window. */
    synchronized long reserve() {
        long now = clock.millis();
        if (count == windowRequests) {
            long oldest = starts[next];
            long free = oldest + windowMillis - now;
            if (free > 0) {
                return free;
            }
        } else {
            count++;
        }
        starts[next] = now;
        next = (next + 1) % windowRequests;
        return 0;
    }

    /** Requests in flight now. */
    int inFlight() {
        return maxInFlight - inFlight.availablePermits();
    }
}
