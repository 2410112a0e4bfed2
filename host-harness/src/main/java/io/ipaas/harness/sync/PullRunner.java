package io.ipaas.harness.sync;

import io.ipaas.connector.api.entity.Operation;
import io.ipaas.connector.api.entity.Record;
import io.ipaas.connector.api.error.ConnectorException;
import io.ipaas.connector.api.error.ErrorKind;
import io.ipaas.connector.api.poll.Checkpoint;
import io.ipaas.connector.api.poll.PollBatch;
import io.ipaas.connector.api.poll.PollRequest;
import io.ipaas.connector.api.poll.PollSource;
import io.ipaas.connector.api.poll.RejectedRecord;
import io.ipaas.harness.store.Store;
import io.ipaas.mappings.MappingCollection;
import io.ipaas.mappings.MappingEngine;
import io.ipaas.mappings.MappingException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The host loop: poll from the committed checkpoint, map, then store the batch's records and commit its
 * checkpoint in one transaction. A crash between two batches repeats at most one batch; nothing is skipped.
 * A record that fails mapping is quarantined in the same transaction, so it is never silently dropped.
 */
public final class PullRunner {
    private static final Logger LOG = LoggerFactory.getLogger(PullRunner.class);
    /** Transient failures in a row before the pull gives up (the checkpoint stays where it was). */
    public static final int MAX_RETRIES = 5;

    /** Waits between retries; replaced in tests. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final Store store;
    private final Sleeper sleeper;

    public PullRunner(Store store, Sleeper sleeper) {
        this.store = store;
        this.sleeper = sleeper;
    }

    public PullReport pull(
            String subscriptionId,
            String entity,
            PollSource source,
            List<MappingCollection> collections,
            boolean full,
            int batchSize,
            PullProgress progress) {
        long started = System.nanoTime();
        Checkpoint checkpoint = full
                ? Checkpoint.initial()
                : store.checkpoint(subscriptionId, entity).orElse(Checkpoint.initial());
        long received = 0;
        long stored = 0;
        long quarantined = 0;
        long pages = 0;
        long retries = 0;
        int failuresInARow = 0;
        while (true) {
            PollBatch batch;
            try {
                batch = source.poll(PollRequest.from(checkpoint, batchSize));
                failuresInARow = 0;
            } catch (ConnectorException e) {
                if (e.kind() != ErrorKind.TRANSIENT || failuresInARow >= MAX_RETRIES) {
                    throw e;
                }
                failuresInARow++;
                retries++;
                Duration wait = e.retryAfter().orElse(Duration.ofMillis(Math.min(30_000, 500L << failuresInARow)));
                LOG.warn(
                        "transient failure polling {} (attempt {} of {}), retrying in {} ms: {}",
                        entity,
                        failuresInARow,
                        MAX_RETRIES,
                        wait.toMillis(),
                        e.getMessage());
                sleep(wait);
                continue;
            }
            long[] counts = new long[2];
            Checkpoint next = batch.next();
            store.inTransaction(tx -> {
                for (Record record : batch.records()) {
                    String failure = null;
                    String failedCollection = null;
                    for (MappingCollection collection : collections) {
                        if (record.operation() == Operation.DELETE) {
                            tx.deleteRecord(subscriptionId, collection.name(), record.key());
                            continue;
                        }
                        try {
                            Map<String, Object> mapped = MappingEngine.apply(collection, record.fields());
                            tx.upsertRecord(
                                    subscriptionId,
                                    collection.name(),
                                    record.key(),
                                    entity,
                                    collection.target(),
                                    mapped);
                            counts[0]++;
                        } catch (MappingException e) {
                            failure = e.getMessage();
                            failedCollection = collection.name();
                        }
                    }
                    if (failure != null) {
                        tx.quarantine(subscriptionId, entity, record.key(), failedCollection, failure, record.fields());
                        counts[1]++;
                    } else {
                        tx.release(subscriptionId, entity, record.key());
                    }
                }
                for (RejectedRecord rejected : batch.rejected()) {
                    // the connector could not read it: keep it for whoever fixes the data, never drop it
                    tx.quarantine(
                            subscriptionId,
                            entity,
                            rejected.key(),
                            "",
                            rejected.reason(),
                            Map.of("raw", rejected.raw()));
                    counts[1]++;
                }
                tx.commitCheckpoint(subscriptionId, entity, next);
            });
            received += batch.records().size();
            stored += counts[0];
            quarantined += counts[1];
            pages++;
            checkpoint = next;
            progress.committed(received, pages);
            if (!batch.hasMore()) {
                break;
            }
        }
        return new PullReport(received, stored, quarantined, pages, retries, (System.nanoTime() - started) / 1_000_000);
    }

    private void sleep(Duration wait) {
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ConnectorException.transientFailure("interrupted while waiting to retry", null, e);
        }
    }
}
