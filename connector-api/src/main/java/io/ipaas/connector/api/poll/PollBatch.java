package io.ipaas.connector.api.poll;

import io.ipaas.connector.api.entity.Record;
import java.util.List;
import java.util.Objects;

/**
 * The result of one poll.
 *
 * @param records the records read, possibly repeating records of an earlier batch (the host upserts by key); at
 *     most {@link PollRequest#maxRecords()} of them
 * @param rejected records read but unusable, which the host quarantines in the same transaction
 * @param next the checkpoint to commit once these records are stored
 * @param hasMore whether polling again from {@code next} right away would return more
 */
public record PollBatch(List<Record> records, List<RejectedRecord> rejected, Checkpoint next, boolean hasMore) {
    public PollBatch {
        records = List.copyOf(records);
        rejected = List.copyOf(rejected);
        Objects.requireNonNull(next, "next");
    }

    /** A batch without rejected records. */
    public PollBatch(List<Record> records, Checkpoint next, boolean hasMore) {
        this(records, List.of(), next, hasMore);
    }
}
