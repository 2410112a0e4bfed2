package io.ipaas.bcsandbox;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Request counters, by kind, for tests and benchmarks that assert how many calls a client made. */
public final class SandboxStats {
    private final LongAdder tokenRequests = new LongAdder();
    private final LongAdder apiRequests = new LongAdder();
    private final Map<String, LongAdder> byEntitySet = new ConcurrentHashMap<>();

    void token() {
        tokenRequests.increment();
    }

    void api(String entitySet) {
        apiRequests.increment();
        byEntitySet.computeIfAbsent(entitySet, k -> new LongAdder()).increment();
    }

    public long tokenRequests() {
        return tokenRequests.sum();
    }

    public long apiRequests() {
        return apiRequests.sum();
    }

    /** API requests whose last path segment names this entity set (e.g. {@code items}). */
    public long requests(String entitySet) {
        LongAdder adder = byEntitySet.get(entitySet);
        return adder == null ? 0 : adder.sum();
    }

    public Map<String, Long> byEntitySet() {
        Map<String, Long> out = new TreeMap<>();
        byEntitySet.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    public void reset() {
        tokenRequests.reset();
        apiRequests.reset();
        byEntitySet.clear();
    }
}
