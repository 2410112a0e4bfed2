package io.ipaas.connector.testkit;

import io.ipaas.connector.api.entity.Record;
import io.ipaas.connector.api.poll.Checkpoint;
import io.ipaas.connector.api.poll.PollBatch;
import io.ipaas.connector.api.poll.PollRequest;
import io.ipaas.connector.api.poll.PollSource;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The host's poll → store → commit loop, as the harness runs it: a batch's checkpoint is committed only after
 * its records were handed to the store.
 */
public final class HostLoop {
    private final PollSource source;
    private final int maxRecords;
    private Checkpoint committed = Checkpoint.initial();
    private int batches;

    public HostLoop(PollSource source, int maxRecords) {
        this.source = source;
        this.maxRecords = maxRecords;
    }

    /** Polls until the source has nothing more, storing then committing each batch. */
    public List<Record> drain(Consumer<List<Record>> store) {
        List<Record> all = new ArrayList<>();
        boolean more = true;
        while (more) {
            PollBatch batch = source.poll(PollRequest.from(committed, maxRecords));
            store.accept(batch.records());
            all.addAll(batch.records());
            committed = batch.next();
            batches++;
            more = batch.hasMore();
        }
        return all;
    }

    /** One poll that stores but "crashes" before committing, so the next poll repeats from the old checkpoint. */
    public List<Record> pollWithoutCommit() {
        return source.poll(PollRequest.from(committed, maxRecords)).records();
    }

    public Checkpoint committed() {
        return committed;
    }

    public int batches() {
        return batches;
    }
}
