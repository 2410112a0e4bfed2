package io.ipaas.harness.sync;

import io.ipaas.connector.api.poll.Checkpoint;
import io.ipaas.harness.store.RecordRow;
import java.util.List;
import java.util.Map;

/**
 * A polled batch mapped into what the store writes, so the writing thread only binds and commits.
 *
 * @param upserts rows to insert or replace, per collection (in the order of the pull's collections)
 * @param deletes keys to delete, per collection
 * @param quarantined records set aside, with the reason
 * @param released keys that mapped cleanly and leave quarantine if they were there
 * @param next the checkpoint to commit with these writes
 * @param hasMore whether the source has more after {@code next}
 * @param received records the connector returned
 * @param stored mapped records written (one per record and collection)
 */
record MappedBatch(
        List<List<RecordRow>> upserts,
        List<List<String>> deletes,
        List<Quarantined> quarantined,
        List<String> released,
        Checkpoint next,
        boolean hasMore,
        int received,
        long stored) {

    /**
     * A record that could not be mapped or read.
     *
     * @param key the record's key
     * @param collection the collection that failed ({@code ""} when the connector could not read the record)
     * @param message one line: what is wrong and what to do
     * @param raw the record as received
     */
    record Quarantined(String key, String collection, String message, Map<String, Object> raw) {}
}
