package io.ipaas.harness.sync;

import io.ipaas.connector.api.entity.Operation;
import io.ipaas.connector.api.entity.Record;
import io.ipaas.connector.api.poll.PollBatch;
import io.ipaas.connector.api.poll.RejectedRecord;
import io.ipaas.harness.store.RecordRow;
import io.ipaas.mappings.MappingCollection;
import io.ipaas.mappings.MappingEngine;
import io.ipaas.mappings.MappingException;
import io.ipaas.mappings.PreparedMapping;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Maps a polled batch through the pull's collections into store rows. Within a batch the last operation on a key
 * wins (an upsert then a delete of one record deletes it), exactly as writing the records one by one would.
 *
 * <p>A batch can be mapped as it streams in: {@link #start()} one {@link Batch}, {@link Batch#add} records as they
 * come, and {@link Batch#finish} it with the poll's outcome. Only the store rows are kept, never the records.
 */
final class BatchMapper {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private final List<PreparedMapping> collections;
    private final AtomicLong cpuNanos = new AtomicLong();

    BatchMapper(List<MappingCollection> collections) {
        this.collections = collections.stream().map(MappingEngine::prepare).toList();
    }

    /** CPU time spent mapping so far. */
    long cpuNanos() {
        return cpuNanos.get();
    }

    /** Maps a whole batch at once. */
    MappedBatch map(PollBatch batch) {
        return start().finish(batch);
    }

    /** A batch to map record by record. */
    Batch start() {
        return new Batch();
    }

    /**
     * One batch being mapped; used by one thread at a time. The usual batch only upserts distinct keys, so a record
     * costs two list appends and no hashing: a key repeated in the batch is written twice in order (the store keeps
     * the last), and only a delete, or a quarantined record, is looked up by key.
     */
    final class Batch {
        private final List<List<RecordRow>> upserts = new ArrayList<>(collections.size());
        /** Per collection, keys whose last operation in the batch is a delete. */
        private final List<Set<String>> deletes = new ArrayList<>(collections.size());

        private final Map<String, MappedBatch.Quarantined> quarantined = new LinkedHashMap<>();
        /** Keys that mapped cleanly, in order; those quarantined later in the batch are left out at the end. */
        private final List<String> clean = new ArrayList<>();

        private int received;
        private long stored;
        private RuntimeException failure;

        private Batch() {
            for (int i = 0; i < collections.size(); i++) {
                upserts.add(new ArrayList<>());
                deletes.add(new LinkedHashSet<>());
            }
        }

        /**
         * Maps records of the batch, in the order they were read. After a failure (not a record's mapping error,
         * which quarantines it) the rest is skipped and {@link #finish} throws it.
         */
        void add(List<Record> records) {
            if (failure != null) {
                return;
            }
            long started = THREADS.getCurrentThreadCpuTime();
            try {
                for (Record record : records) {
                    add(record);
                }
            } catch (RuntimeException e) {
                failure = e;
            } finally {
                cpuNanos.addAndGet(THREADS.getCurrentThreadCpuTime() - started);
            }
        }

        /** Maps the batch's own records after the ones added so far and returns what the store writes. */
        MappedBatch finish(PollBatch batch) {
            add(batch.records());
            if (failure != null) {
                throw failure;
            }
            for (RejectedRecord rejected : batch.rejected()) {
                // the connector could not read it: keep it for whoever fixes the data, never drop it
                quarantined.put(
                        rejected.key(),
                        new MappedBatch.Quarantined(
                                rejected.key(), "", rejected.reason(), Map.of("raw", rejected.raw())));
            }
            List<List<RecordRow>> rows = new ArrayList<>(collections.size());
            for (int i = 0; i < collections.size(); i++) {
                Set<String> deleted = deletes.get(i);
                List<RecordRow> upserted = upserts.get(i);
                // a key deleted after it was upserted is only deleted
                rows.add(
                        deleted.isEmpty()
                                ? Collections.unmodifiableList(upserted)
                                : upserted.stream()
                                        .filter(row -> !deleted.contains(row.key()))
                                        .toList());
            }
            return new MappedBatch(
                    rows,
                    deletes.stream().map(List::copyOf).toList(),
                    List.copyOf(quarantined.values()),
                    quarantined.isEmpty()
                            ? Collections.unmodifiableList(clean)
                            : clean.stream()
                                    .filter(key -> !quarantined.containsKey(key))
                                    .distinct()
                                    .toList(),
                    batch.next(),
                    batch.hasMore(),
                    received,
                    stored);
        }

        private void add(Record record) {
            received++;
            String key = record.key();
            MappedBatch.Quarantined failure = null;
            for (int i = 0; i < collections.size(); i++) {
                Set<String> deleted = deletes.get(i);
                if (record.operation() == Operation.DELETE) {
                    deleted.add(key);
                    continue;
                }
                PreparedMapping collection = collections.get(i);
                try {
                    Map<String, Object> mapped = collection.apply(record.fields());
                    if (!deleted.isEmpty()) {
                        deleted.remove(key);
                    }
                    upserts.get(i).add(RecordRow.of(key, mapped));
                    stored++;
                } catch (MappingException e) {
                    failure = new MappedBatch.Quarantined(
                            key, collection.collection().name(), e.getMessage(), record.fields());
                }
            }
            if (failure != null) {
                quarantined.put(key, failure);
            } else {
                if (!quarantined.isEmpty()) {
                    quarantined.remove(key);
                }
                clean.add(key);
            }
        }
    }
}
