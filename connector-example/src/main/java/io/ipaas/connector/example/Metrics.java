package io.ipaas.connector.example;

import io.ipaas.connector.api.ConnectorMetrics;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** The connection's counters, named as {@link ConnectorMetrics} says so every host reads them the same way. */
final class Metrics {
    static final String RECORDS_WRITTEN = "records.written";

    final AtomicLong httpRequests = new AtomicLong();
    final AtomicLong recordsRead = new AtomicLong();
    final AtomicLong recordsRejected = new AtomicLong();
    final AtomicLong recordsWritten = new AtomicLong();

    Map<String, Long> snapshot() {
        Map<String, Long> values = new LinkedHashMap<>();
        values.put(ConnectorMetrics.HTTP_REQUESTS, httpRequests.get());
        values.put(ConnectorMetrics.RECORDS_READ, recordsRead.get());
        values.put(ConnectorMetrics.RECORDS_REJECTED, recordsRejected.get());
        values.put(RECORDS_WRITTEN, recordsWritten.get());
        return values;
    }
}
