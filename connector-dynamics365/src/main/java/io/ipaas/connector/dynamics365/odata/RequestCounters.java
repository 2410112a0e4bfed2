package io.ipaas.connector.dynamics365.odata;

import io.ipaas.connector.api.ConnectorMetrics;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Monotonic counters exposed through {@code Connector.metrics()}. */
public final class RequestCounters {
    public static final String HTTP_REQUESTS = ConnectorMetrics.HTTP_REQUESTS;
    public static final String TOKEN_REQUESTS = ConnectorMetrics.AUTH_TOKEN_REQUESTS;
    public static final String RECORDS_READ = ConnectorMetrics.RECORDS_READ;
    public static final String RECORDS_REJECTED = ConnectorMetrics.RECORDS_REJECTED;
    /** Requests repeated inside the client after a short failure (BC-specific, not a host metric). */
    public static final String HTTP_RETRIES = "dynamics365.http.retries";

    private final Map<String, LongAdder> counters = new ConcurrentHashMap<>();

    public void increment(String name) {
        add(name, 1);
    }

    public void add(String name, long amount) {
        counters.computeIfAbsent(name, k -> new LongAdder()).add(amount);
    }

    public long get(String name) {
        LongAdder adder = counters.get(name);
        return adder == null ? 0 : adder.sum();
    }

    public Map<String, Long> snapshot() {
        Map<String, Long> snapshot = new TreeMap<>();
        counters.forEach((name, adder) -> snapshot.put(name, adder.sum()));
        return snapshot;
    }
}
