package io.ipaas.connector.api.poll;

import io.ipaas.connector.api.entity.Record;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads one entity incrementally.
 *
 * <p>Holds no state between calls: everything needed to resume is in the checkpoint. The host calls
 * {@link #stream} (whose default is {@link #poll}) from one thread per entity, stores the records, commits
 * {@link PollBatch#next()}, and calls again while {@link PollBatch#hasMore()} is true. A failed call leaves the
 * committed checkpoint as it was.
 */
public interface PollSource {

    /**
     * Returns the next batch after {@code request.from()}.
     *
     * @throws io.ipaas.connector.api.error.ConnectorException TRANSIENT (retry with the same checkpoint),
     *     AUTHENTICATION, PERMISSION, CONFIGURATION or REMOTE
     */
    PollBatch poll(PollRequest request);

    /**
     * The same batch as {@link #poll}, with records handed to {@code records} as they are read, so that the host
     * maps and stores a large page while the rest of it still arrives instead of holding all of it at once (the
     * way a source emits records before the state message that covers them).
     *
     * <p>The records handed over and those in the returned batch are the batch together (at most
     * {@link PollRequest#maxRecords()}); the host stores them and commits the returned checkpoint in one
     * transaction. When the call throws, the host forgets what it was handed during the call. {@code records}
     * may block while the host catches up; it throws {@link java.util.concurrent.CancellationException} when the
     * host no longer wants the batch, which the connector lets through.
     *
     * <p>The default hands nothing over and returns {@link #poll}; override it when records arrive one by one (a
     * streamed HTTP body) and a batch can be large.
     */
    default PollBatch stream(PollRequest request, Consumer<Record> records) {
        return poll(request);
    }

    /**
     * {@link #poll} for a source that implements {@link #stream}: the records it hands over, then those it returns,
     * in one batch.
     */
    static PollBatch collect(PollSource source, PollRequest request) {
        List<Record> records = new ArrayList<>();
        PollBatch end = source.stream(request, records::add);
        records.addAll(end.records());
        return new PollBatch(records, end.rejected(), end.next(), end.hasMore());
    }
}
