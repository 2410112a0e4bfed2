package io.ipaas.harness.sync;

import io.ipaas.connector.api.entity.Operation;
import io.ipaas.connector.api.entity.Record;
import io.ipaas.connector.api.poll.PollBatch;
import io.ipaas.connector.api.poll.RejectedRecord;
import io.ipaas.harness.store.RecordRow;
import io.ipaas.mappings.MappingCollection;
import io.ipaas.mappings.MappingEngine;
import io.ipaas.mappings.MappingException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Maps a polled batch through the pull's collections into store rows. Within a batch the last operation on a key
 * wins (an upsert then a delete of one record deletes it), exactly as writing the records one by one would.
 */
final class BatchMapper {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private final List<MappingCollection> collections;
    private final AtomicLong cpuNanos = new AtomicLong();

    BatchMapper(List<MappingCollection> collections) {
        this.collections = List.copyOf(collections);
    }

    /** CPU time spent mapping so far. */
    long cpuNanos() {
        return cpuNanos.get();
    }

    MappedBatch map(PollBatch batch) {
        long started = THREADS.getCurrentThreadCpuTime();
        try {
            return mapTimed(batch);
        } finally {
            cpuNanos.addAndGet(THREADS.getCurrentThreadCpuTime() - started);
        }
    }

    private MappedBatch mapTimed(PollBatch batch) {
        int count = collections.size();
        List<Map<String, RecordRow>> upserts = new ArrayList<>(count);
        List<Set<String>> deletes = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            upserts.add(new LinkedHashMap<>(batch.records().size() * 2));
            deletes.add(new LinkedHashSet<>());
        }
        Map<String, MappedBatch.Quarantined> quarantined = new LinkedHashMap<>();
        Set<String> released = new LinkedHashSet<>(batch.records().size() * 2);
        long stored = 0;
        for (Record record : batch.records()) {
            String key = record.key();
            MappedBatch.Quarantined failure = null;
            for (int i = 0; i < count; i++) {
                if (record.operation() == Operation.DELETE) {
                    upserts.get(i).remove(key);
                    deletes.get(i).add(key);
                    continue;
                }
                MappingCollection collection = collections.get(i);
                try {
                    Map<String, Object> mapped = MappingEngine.apply(collection, record.fields());
                    deletes.get(i).remove(key);
                    upserts.get(i).put(key, RecordRow.of(key, mapped));
                    stored++;
                } catch (MappingException e) {
                    failure = new MappedBatch.Quarantined(key, collection.name(), e.getMessage(), record.fields());
                }
            }
            if (failure != null) {
                released.remove(key);
                quarantined.put(key, failure);
            } else {
                quarantined.remove(key);
                released.add(key);
            }
        }
        for (RejectedRecord rejected : batch.rejected()) {
            // the connector could not read it: keep it for whoever fixes the data, never drop it
            released.remove(rejected.key());
            quarantined.put(
                    rejected.key(),
                    new MappedBatch.Quarantined(rejected.key(), "", rejected.reason(), Map.of("raw", rejected.raw())));
        }
        return new MappedBatch(
                upserts.stream().map(rows -> List.copyOf(rows.values())).toList(),
                deletes.stream().map(List::copyOf).toList(),
                List.copyOf(quarantined.values()),
                List.copyOf(released),
                batch.next(),
                batch.hasMore(),
                batch.records().size(),
                stored);
    }
}
