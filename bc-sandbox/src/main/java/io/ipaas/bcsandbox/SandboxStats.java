package io.ipaas.bcsandbox;

import io.ipaas.bcsandbox.http.RequestListener;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Request counters of a running sandbox, for tests and benchmarks ("a full sync of N items took
 * ceil(N/P) requests"). A {@code $batch} is one API request, as it is one for the sandbox's per-user limits (whether
 * BC counts it as one or as its N requests is unconfirmed, facts §10); {@link #writes()} counts its writes one by
 * one. The sales orders clients created are counted by the data ({@code BcSandbox.salesOrdersCreated()},
 * {@code duplicateSalesOrders()}). Thread-safe; {@link #reset()} zeroes everything but the requests in flight.
 */
public final class SandboxStats {
    private final LongAdder tokenRequests = new LongAdder();
    private final LongAdder apiRequests = new LongAdder();
    private final LongAdder writes = new LongAdder();
    private final LongAdder batches = new LongAdder();
    private final LongAdder batchedRequests = new LongAdder();
    private final Map<String, LongAdder> bySegment = new ConcurrentHashMap<>();
    private final Map<Integer, LongAdder> byStatus = new ConcurrentHashMap<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger peakConcurrency = new AtomicInteger();

    /** Calls of the token endpoint, successful or not. */
    public long tokenRequests() {
        return tokenRequests.sum();
    }

    /** Calls under {@code /v2.0/}, whatever their outcome (401s, injected 429s… included). */
    public long apiRequests() {
        return apiRequests.sum();
    }

    /**
     * POST, PATCH and DELETE requests on entities, whatever their outcome (refused, failed by an injected fault…),
     * each request inside a {@code $batch} counted on its own.
     */
    public long writes() {
        return writes.sum();
    }

    /** {@code $batch} calls (each also one of {@link #apiRequests()}). */
    public long batches() {
        return batches.sum();
    }

    /** Requests inside {@code $batch} calls, all together. */
    public long batchedRequests() {
        return batchedRequests.sum();
    }

    /**
     * API calls whose URL ends in this entity set or navigation, e.g. {@code requests("items")} counts
     * {@code companies(..)/items} and {@code companies(..)/items(..)}; {@code "itemVariants"} counts both the
     * company-level and the per-item collection.
     */
    public long requests(String entitySet) {
        LongAdder counter = bySegment.get(entitySet);
        return counter == null ? 0 : counter.sum();
    }

    /** API responses with this HTTP status. */
    public long responses(int status) {
        LongAdder counter = byStatus.get(status);
        return counter == null ? 0 : counter.sum();
    }

    /** The most API requests that were being served at the same time (BC online allows 5 per user). */
    public int peakConcurrency() {
        return peakConcurrency.get();
    }

    /** API calls per entity set or navigation, sorted by name. */
    public Map<String, Long> byEntitySet() {
        Map<String, Long> counts = new TreeMap<>();
        bySegment.forEach((segment, counter) -> counts.put(segment, counter.sum()));
        return counts;
    }

    public void reset() {
        tokenRequests.reset();
        apiRequests.reset();
        writes.reset();
        batches.reset();
        batchedRequests.reset();
        bySegment.clear();
        byStatus.clear();
        peakConcurrency.set(inFlight.get());
    }

    /** The hooks the server reports to; kept off the public surface of this class. */
    RequestListener listener() {
        return new RequestListener() {
            @Override
            public void tokenRequest() {
                tokenRequests.increment();
            }

            @Override
            public void apiStarted() {
                apiRequests.increment();
                int now = inFlight.incrementAndGet();
                peakConcurrency.accumulateAndGet(now, Math::max);
            }

            @Override
            public void apiSegment(String segment) {
                bySegment.computeIfAbsent(segment, s -> new LongAdder()).increment();
            }

            @Override
            public void apiFinished(int status) {
                inFlight.decrementAndGet();
                byStatus.computeIfAbsent(status, s -> new LongAdder()).increment();
            }

            @Override
            public void apiWrite() {
                writes.increment();
            }

            @Override
            public void apiBatch(int requests) {
                batches.increment();
                batchedRequests.add(requests);
            }
        };
    }
}
