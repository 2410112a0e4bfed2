package io.ipaas.connector.api.poll;

import io.ipaas.connector.api.entity.Record;
import java.util.List;
import java.util.Objects;

/**
 * The result of one poll.
 *
 * @param records the records read, possibly repeating records of an earlier batch (the host upserts by key)
 * @param next the checkpoint to commit once these records are stored
 * @param hasMore whether polling again from {@code next} right away would return more
 */
public record PollBatch(List<Record> records, Checkpoint next, boolean hasMore) {
    public PollBatch {
        records = List.copyOf(records);
        Objects.requireNonNull(next, "next");
    }
}
