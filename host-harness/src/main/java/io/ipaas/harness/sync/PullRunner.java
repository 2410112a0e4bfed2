package io.ipaas.harness.sync;

import io.ipaas.connector.api.error.ConnectorException;
import io.ipaas.connector.api.error.ErrorKind;
import io.ipaas.connector.api.poll.Checkpoint;
import io.ipaas.connector.api.poll.PollBatch;
import io.ipaas.connector.api.poll.PollRequest;
import io.ipaas.connector.api.poll.PollSource;
import io.ipaas.harness.store.Store;
import io.ipaas.harness.store.StoredCollection;
import io.ipaas.mappings.MappingCollection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The host loop: poll from the committed checkpoint, map, then store the batch's records and commit its
 * checkpoint in one transaction. A crash between two batches repeats at most one batch; nothing is skipped.
 * A record that fails mapping is quarantined in the same transaction, so it is never silently dropped.
 *
 * <p>Pipelined: while batch k is written and committed on the calling thread, the next batches are polled, each
 * from its predecessor's proposed checkpoint (a poll source is stateless, so that is allowed), and mapped on a
 * polling thread, at most {@value #BATCHES_IN_FLIGHT} batches ahead of the last commit. Commits stay strictly in
 * order; when writing k fails, the prefetched batches are discarded unwritten, and a failure to poll or map k+1
 * surfaces only after k is committed.
 */
public final class PullRunner {
    private static final Logger LOG = LoggerFactory.getLogger(PullRunner.class);
    /** Transient failures in a row before the pull gives up (the checkpoint stays where it was). */
    public static final int MAX_RETRIES = 5;
    /** The longest single wait for a retry unless the caller chooses another. */
    public static final Duration DEFAULT_MAX_WAIT = Duration.ofSeconds(60);
    /**
     * Batches polled but not yet committed: the one being written, one mapped and waiting, and one being polled and
     * mapped. Only the last holds records; the others are store rows.
     */
    static final int BATCHES_IN_FLIGHT = 3;

    /** Waits between retries; replaced in tests. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final Store store;
    private final Sleeper sleeper;
    private final Duration maxWait;

    public PullRunner(Store store, Sleeper sleeper) {
        this(store, sleeper, DEFAULT_MAX_WAIT);
    }

    /**
     * @param maxWait the longest the pull waits before one retry; a remote asking for more (a long
     *     {@code Retry-After}) stops the pull with {@link WaitTooLong}
     */
    public PullRunner(Store store, Sleeper sleeper, Duration maxWait) {
        if (maxWait.isNegative()) {
            throw new IllegalArgumentException("maxWait must not be negative");
        }
        this.store = store;
        this.sleeper = sleeper;
        this.maxWait = maxWait;
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
        List<StoredCollection> targets = new ArrayList<>(collections.size());
        for (MappingCollection collection : collections) {
            targets.add(store.collection(subscriptionId, collection.name(), entity, collection.target()));
        }
        Fetcher fetcher = new Fetcher(entity, source, batchSize, progress);
        BatchMapper mapper = new BatchMapper(collections);
        ExecutorService polling = Executors.newSingleThreadExecutor(daemon("pull-" + entity));
        // a batch holds a permit from before its poll until its commit, which bounds the batches in memory
        Semaphore uncommitted = new Semaphore(BATCHES_IN_FLIGHT);
        BlockingQueue<Future<MappedBatch>> ready = new LinkedBlockingQueue<>();
        long received = 0;
        long stored = 0;
        long quarantined = 0;
        long pages = 0;
        try {
            polling.execute(() -> produce(checkpoint, fetcher, mapper, uncommitted, ready));
            while (true) {
                MappedBatch batch = await(ready);
                write(subscriptionId, entity, targets, batch);
                uncommitted.release();
                received += batch.received();
                stored += batch.stored();
                quarantined += batch.quarantined().size();
                pages++;
                progress.committed(received, pages);
                if (!batch.hasMore()) {
                    break;
                }
            }
        } finally {
            // after a failure, batches read from checkpoints that were never committed are dropped unwritten
            polling.shutdownNow();
        }
        return new PullReport(
                received, stored, quarantined, pages, fetcher.retries.get(), (System.nanoTime() - started) / 1_000_000);
    }

    /**
     * Polls batch after batch, each from the previous one's proposed checkpoint, maps it and hands it to the writer
     * in order. Runs on the polling thread; every outcome, a failure included, reaches {@code ready}, so the writer
     * never waits for a batch that will not come. Mapping here, not on the writer, lets the polled records go
     * before the next poll: only one batch of records is in memory at a time.
     */
    private static void produce(
            Checkpoint start,
            Fetcher fetcher,
            BatchMapper mapper,
            Semaphore uncommitted,
            BlockingQueue<Future<MappedBatch>> ready) {
        Checkpoint from = start;
        try {
            while (true) {
                uncommitted.acquire();
                MappedBatch batch = mapper.map(fetcher.poll(from));
                ready.add(CompletableFuture.completedFuture(batch));
                if (!batch.hasMore()) {
                    return;
                }
                from = batch.next();
            }
        } catch (InterruptedException stopped) {
            // the pull ended (or failed) and no longer wants batches
        } catch (RuntimeException | Error e) {
            ready.add(CompletableFuture.failedFuture(e));
        }
    }

    private static ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    private void write(String subscriptionId, String entity, List<StoredCollection> targets, MappedBatch batch) {
        store.inTransaction(tx -> {
            for (int i = 0; i < targets.size(); i++) {
                tx.upsertRecords(targets.get(i), batch.upserts().get(i));
                tx.deleteRecords(targets.get(i), batch.deletes().get(i));
            }
            for (MappedBatch.Quarantined record : batch.quarantined()) {
                tx.quarantine(
                        subscriptionId, entity, record.key(), record.collection(), record.message(), record.raw());
            }
            tx.release(subscriptionId, entity, batch.released());
            tx.commitCheckpoint(subscriptionId, entity, batch.next());
        });
    }

    private static MappedBatch await(BlockingQueue<Future<MappedBatch>> ready) {
        try {
            // bounded: a poll has the connector's request timeout, retries are counted and capped, and the
            // polling thread reports every outcome
            return ready.take().get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ConnectorException.transientFailure("interrupted while waiting for the next batch", null, e);
        }
    }

    /** Polls one batch, retrying transient failures; runs on the polling thread. */
    private final class Fetcher {
        private final String entity;
        private final PollSource source;
        private final int batchSize;
        private final PullProgress progress;
        final AtomicLong retries = new AtomicLong();

        Fetcher(String entity, PollSource source, int batchSize, PullProgress progress) {
            this.entity = entity;
            this.source = source;
            this.batchSize = batchSize;
            this.progress = progress;
        }

        PollBatch poll(Checkpoint from) {
            int failuresInARow = 0;
            while (true) {
                PollBatch batch;
                try {
                    batch = source.poll(PollRequest.from(from, batchSize));
                } catch (ConnectorException e) {
                    if (e.kind() != ErrorKind.TRANSIENT || failuresInARow >= MAX_RETRIES) {
                        throw e;
                    }
                    failuresInARow++;
                    retries.incrementAndGet();
                    Duration wait = waitBefore(failuresInARow, e);
                    LOG.warn(
                            "transient failure polling {} (retry {} of {}), waiting {} ms: {}",
                            entity,
                            failuresInARow,
                            MAX_RETRIES,
                            wait.toMillis(),
                            e.getMessage());
                    progress.retrying(wait, failuresInARow, MAX_RETRIES, e.getMessage());
                    sleep(wait);
                    continue;
                }
                return batch;
            }
        }

        /** The remote's Retry-After when it gave one (refused beyond the cap), else capped exponential backoff. */
        private Duration waitBefore(int failuresInARow, ConnectorException e) {
            if (e.retryAfter().isPresent()) {
                Duration asked = e.retryAfter().get();
                if (asked.compareTo(maxWait) > 0) {
                    throw new WaitTooLong(entity, asked, maxWait, e);
                }
                return asked;
            }
            Duration backoff = Duration.ofMillis(Math.min(30_000, 500L << failuresInARow));
            return backoff.compareTo(maxWait) > 0 ? maxWait : backoff;
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
}
