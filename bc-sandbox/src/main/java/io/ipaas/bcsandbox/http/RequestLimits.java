package io.ipaas.bcsandbox.http;

import io.ipaas.bcsandbox.odata.BcErrors;
import io.ipaas.bcsandbox.odata.BcException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * BC online's per-user limits (facts §6): at most {@code inFlight} requests of one principal (app or user) being
 * processed at once, and at most {@code perWindow} started in any five minutes; beyond either BC answers 429
 * {@code Application_TooManyRequests} with Retry-After. Off when both are 0.
 */
public final class RequestLimits {
    public static final Duration WINDOW = Duration.ofMinutes(5);

    private final int inFlight;
    private final int perWindow;
    private final Clock clock;
    private final Map<String, Integer> running = new HashMap<>();
    private final Map<String, Deque<Long>> started = new HashMap<>();

    /** @param inFlight 0 for no limit; @param perWindow 0 for no limit */
    public RequestLimits(int inFlight, int perWindow, Clock clock) {
        if (inFlight < 0 || perWindow < 0) {
            throw new IllegalArgumentException("limits must be >= 0");
        }
        this.inFlight = inFlight;
        this.perWindow = perWindow;
        this.clock = clock;
    }

    public static RequestLimits off(Clock clock) {
        return new RequestLimits(0, 0, clock);
    }

    /** A request of the principal that holds its place until closed. */
    public interface Permit extends AutoCloseable {
        @Override
        void close();
    }

    /** Admits a request or throws BC's 429. */
    public synchronized Permit enter(String principal) {
        long now = clock.millis();
        if (perWindow > 0) {
            Deque<Long> times = started.computeIfAbsent(principal, p -> new ArrayDeque<>());
            while (!times.isEmpty() && times.peekFirst() <= now - WINDOW.toMillis()) {
                times.pollFirst();
            }
            if (times.size() >= perWindow) {
                long wait = times.peekFirst() + WINDOW.toMillis() - now;
                throw tooMany(Duration.ofMillis(Math.max(1000, wait)));
            }
            times.addLast(now);
        }
        if (inFlight > 0) {
            int count = running.getOrDefault(principal, 0);
            if (count >= inFlight) {
                throw tooMany(Duration.ofSeconds(1));
            }
            running.put(principal, count + 1);
        }
        return () -> leave(principal);
    }

    private synchronized void leave(String principal) {
        if (inFlight > 0) {
            running.merge(principal, -1, Integer::sum);
        }
    }

    private static BcException tooMany(Duration retryAfter) {
        return BcErrors.injected(429, Duration.ofSeconds((retryAfter.toMillis() + 999) / 1000));
    }
}
