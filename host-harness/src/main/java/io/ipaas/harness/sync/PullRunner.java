package io.ipaas.harness.sync;

import io.ipaas.connector.api.WorkUnit;
import io.ipaas.connector.api.entity.Record;
import io.ipaas.connector.api.error.ConnectorException;
import io.ipaas.connector.api.error.ErrorKind;
import io.ipaas.connector.api.poll.Checkpoint;
import io.ipaas.connector.api.poll.PollBatch;
import io.ipaas.connector.api.poll.PollRequest;
import io.ipaas.connector.api.poll.PollSource;
import io.ipaas.harness.store.Store;
import io.ipaas.harness.store.StoredCollection;
import io.ipaas.mappings.MappingCollection;
import io.ipaas.mappings.SourceFields;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The host loop: poll from the committed checkpoint, map, then store the batch's records and commit its
 * checkpoint in one transaction. A crash between two batches repeats at most one batch; nothing is skipped.
 * A record that fails mapping is quarantined in the same transaction, so it is never silently dropped.
 *
 * <p>Pipelined: while batch k is written and committed on the calling thread, the next batches are polled on a
 * polling thread, each from its predecessor's proposed checkpoint (a poll source is stateless, so that is allowed),
 * and mapped on a mapping thread, at most {@value #MAX_QUEUED_RECORDS} mapped records ahead of the writer. Queued batches are
 * written together in one transaction (up to {@value #GROUP_RECORDS} records, gathered for at most
 * {@value #GROUP_LINGER_MILLIS} ms) that commits the last one's checkpoint. Commits stay strictly in order; when writing fails, the batches read ahead are discarded unwritten,
 * and a failure to poll or map a batch surfaces only after every batch before it is committed.
 */
public final class PullRunner {
    private static final Logger LOG = LoggerFactory.getLogger(PullRunner.class);
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    /** Transient failures in a row before the pull gives up (the checkpoint stays where it was). */
    public static final int MAX_RETRIES = 5;
    /** The longest single wait for a retry unless the caller chooses another. */
    public static final Duration DEFAULT_MAX_WAIT = Duration.ofSeconds(60);
    /**
     * Most records one transaction writes (a single larger batch is written alone). Gathering small batches into
     * larger transactions matters: each one rewrites every key-index page it touches, and at a million records a
     * 1,000-record transaction touches a page per record (measured: write CPU per record halves at 20,000).
     */
    static final int GROUP_RECORDS = 20_000;
    /**
     * Most records one transaction takes from groups already queued behind the first. Each commit rewrites every
     * page of the key index that the transaction touched, and random keys touch nearly all of them: fewer, larger
     * commits cut the store's cost per record (measured: about half at 100,000 against 20,000).
     */
    static final int TRANSACTION_RECORDS = 100_000;
    /** How long the writer waits for a group to fill before it writes what it has. */
    static final long GROUP_LINGER_MILLIS = 500;
    /**
     * Most records polled but not yet mapped: the next poll overlaps the mapping of the previous batch when both fit
     * (pages of 1,000 do, pages of 20,000 do not, which keeps one large page of records in memory at a time).
     */
    static final int MAPPING_RECORDS = 20_000;
    /** Records a streaming poll hands to the mapping thread at a time. */
    static final int CHUNK_RECORDS = 500;
    /** Most streamed records handed to the mapping thread and not mapped yet: the poll waits beyond that. */
    static final int STREAMED_RECORDS = 8_000;
    /**
     * Most mapped records waiting for the writer (store rows of a few hundred bytes each): two pages of 20,000, so
     * a burst on one stage does not stop the others (measured at 1M items, pages of 20,000: the pull 2% faster than
     * with one page, slower again with three, which the collector pays for).
     */
    static final int MAX_QUEUED_RECORDS = 40_000;

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

    /** Pulls an entity of a connection with one scope. */
    public PullReport pull(
            String subscriptionId,
            String entity,
            PollSource source,
            List<MappingCollection> collections,
            boolean full,
            int batchSize,
            PullProgress progress) {
        return pull(subscriptionId, WorkUnit.of("", entity, true), source, collections, full, batchSize, progress);
    }

    /**
     * Pulls one work unit: its checkpoint, quarantine and notices are kept under the unit's id, its records in the
     * collections {@link WorkUnit#qualified} names.
     */
    public PullReport pull(
            String subscriptionId,
            WorkUnit unit,
            PollSource source,
            List<MappingCollection> collections,
            boolean full,
            int batchSize,
            PullProgress progress) {
        String entity = unit.id();
        long started = System.nanoTime();
        Checkpoint checkpoint = full
                ? Checkpoint.initial()
                : store.checkpoint(subscriptionId, entity).orElse(Checkpoint.initial());
        List<StoredCollection> targets = new ArrayList<>(collections.size());
        for (MappingCollection collection : collections) {
            targets.add(
                    store.collection(subscriptionId, unit.qualified(collection.name()), entity, collection.target()));
        }
        // ask only for what the mappings read: the connector may project (BC's $select) and send less
        Fetcher fetcher = new Fetcher(entity, source, batchSize, SourceFields.of(collections), progress);
        BatchMapper mapper = new BatchMapper(collections);
        ExecutorService polling = Executors.newSingleThreadExecutor(daemon("pull-" + entity + "-poll"));
        ExecutorService mapping = Executors.newSingleThreadExecutor(daemon("pull-" + entity + "-map"));
        BatchQueue queue = new BatchQueue(MAX_QUEUED_RECORDS);
        long received = 0;
        long stored = 0;
        long quarantined = 0;
        long pages = 0;
        long writeCpuNanos = 0;
        try {
            polling.execute(() -> produce(checkpoint, batchSize, fetcher, mapper, mapping, queue));
            List<MappedBatch> group = take(queue);
            while (true) {
                long writeStarted = THREADS.getCurrentThreadCpuTime();
                List<MappedBatch> written = write(subscriptionId, entity, targets, group, queue);
                long writeCpu = THREADS.getCurrentThreadCpuTime() - writeStarted;
                writeCpuNanos += writeCpu;
                LOG.debug(
                        "committed {} batches of {} in one transaction, {} ms cpu",
                        written.size(),
                        entity,
                        writeCpu / 1_000_000);
                for (MappedBatch batch : written) {
                    received += batch.received();
                    stored += batch.stored();
                    quarantined += batch.quarantined().size();
                    pages++;
                }
                progress.committed(received, pages);
                if (!written.get(written.size() - 1).hasMore()) {
                    break;
                }
                group = take(queue);
            }
        } finally {
            // after a failure, batches read from checkpoints that were never committed are dropped unwritten
            polling.shutdownNow();
            mapping.shutdownNow();
        }
        PullReport.Cpu cpu = new PullReport.Cpu(
                fetcher.pollCpuNanos.get() / 1_000_000, mapper.cpuNanos() / 1_000_000, writeCpuNanos / 1_000_000);
        LOG.info(
                "pulled {} for {}: {} records in {} pages, polls took {} ms; cpu: poll {} ms, map {} ms, write {} ms",
                entity,
                subscriptionId,
                received,
                pages,
                fetcher.pollWallNanos.get() / 1_000_000,
                cpu.pollMillis(),
                cpu.mapMillis(),
                cpu.writeMillis());
        return new PullReport(
                received,
                stored,
                quarantined,
                pages,
                fetcher.retries.get(),
                (System.nanoTime() - started) / 1_000_000,
                cpu);
    }

    /**
     * Polls batch after batch, each from the previous one's proposed checkpoint, and hands each to the mapping
     * thread, which maps batches in order and queues them for the writer. Runs on the polling thread. Records a
     * connector streams are mapped in chunks while the poll still reads (at most {@value #STREAMED_RECORDS} waiting);
     * the records of a returned batch overlap the next poll while both fit in {@value #MAPPING_RECORDS} records.
     * Every outcome, a failure included, reaches the queue in order, so the writer never waits for a batch that will
     * not come.
     */
    private static void produce(
            Checkpoint start,
            int batchSize,
            Fetcher fetcher,
            BatchMapper mapper,
            ExecutorService mapping,
            BatchQueue queue) {
        RecordBudget unmapped = new RecordBudget(MAPPING_RECORDS);
        RecordBudget streamed = new RecordBudget(STREAMED_RECORDS);
        Checkpoint from = start;
        long expected = batchSize;
        try {
            while (true) {
                unmapped.acquire(expected);
                Polled polled;
                try {
                    polled = fetcher.poll(from, () -> new StreamedChunks(mapper.start(), mapping, streamed));
                } catch (RuntimeException | Error e) {
                    unmapped.release(expected);
                    mapping.execute(() -> queue.fail(e));
                    return;
                }
                PollBatch batch = polled.batch();
                long records = batch.records().size();
                unmapped.release(expected - records);
                mapping.execute(() -> finishAndQueue(polled, records, unmapped, queue));
                if (!batch.hasMore()) {
                    return;
                }
                expected = Math.max(1, records);
                from = batch.next();
            }
        } catch (InterruptedException | RejectedExecutionException | CancellationException stopped) {
            // the pull ended (or failed) and no longer wants batches
        }
    }

    /** Runs on the mapping thread, one batch after the other in poll order. */
    private static void finishAndQueue(Polled polled, long records, RecordBudget unmapped, BatchQueue queue) {
        try {
            MappedBatch mapped = polled.mapping().finish(polled.batch());
            unmapped.release(records);
            queue.put(mapped);
        } catch (InterruptedException stopped) {
            // the pull ended (or failed)
        } catch (RuntimeException | Error e) {
            unmapped.release(records);
            queue.fail(e);
        }
    }

    /** A successful poll and its records mapped so far. */
    private record Polled(PollBatch batch, BatchMapper.Batch mapping) {}

    /**
     * Where one poll attempt streams its records: chunks of {@value #CHUNK_RECORDS} go to the mapping thread as they
     * fill. An attempt that fails is abandoned, and what it streamed is never written.
     */
    private static final class StreamedChunks implements Consumer<Record> {
        private final BatchMapper.Batch mapping;
        private final ExecutorService mapper;
        private final RecordBudget budget;
        private List<Record> chunk = new ArrayList<>(CHUNK_RECORDS);
        private volatile boolean abandoned;

        StreamedChunks(BatchMapper.Batch mapping, ExecutorService mapper, RecordBudget budget) {
            this.mapping = mapping;
            this.mapper = mapper;
            this.budget = budget;
        }

        @Override
        public void accept(Record record) {
            chunk.add(Objects.requireNonNull(record, "record"));
            if (chunk.size() == CHUNK_RECORDS) {
                flush();
            }
        }

        /** Sends the partial chunk; called when the poll returned. */
        void flush() {
            if (chunk.isEmpty()) {
                return;
            }
            List<Record> full = chunk;
            chunk = new ArrayList<>(CHUNK_RECORDS);
            try {
                budget.acquire(full.size());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CancellationException("the pull ended while a poll was streaming");
            }
            try {
                mapper.execute(() -> {
                    try {
                        if (!abandoned) {
                            mapping.add(full);
                        }
                    } finally {
                        budget.release(full.size());
                    }
                });
            } catch (RejectedExecutionException e) {
                budget.release(full.size());
                throw new CancellationException("the pull ended while a poll was streaming");
            }
        }

        void abandon() {
            abandoned = true;
            chunk = new ArrayList<>(0);
        }

        BatchMapper.Batch mapping() {
            return mapping;
        }
    }

    private static ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    /**
     * Writes the group's batches, and the groups queued right behind it, in one transaction that ends with the last
     * one's checkpoint. The transaction never waits for a batch (a poll may need the store meanwhile); it takes
     * what is already queued, up to {@value #TRANSACTION_RECORDS} records.
     *
     * @return the batches committed
     */
    private List<MappedBatch> write(
            String subscriptionId,
            String entity,
            List<StoredCollection> targets,
            List<MappedBatch> first,
            BatchQueue queue) {
        List<MappedBatch> written = new ArrayList<>();
        store.inTransaction(tx -> {
            List<MappedBatch> group = first;
            long records = 0;
            while (!group.isEmpty()) {
                for (MappedBatch batch : group) {
                    for (int i = 0; i < targets.size(); i++) {
                        tx.upsertRecords(targets.get(i), batch.upserts().get(i));
                        tx.deleteRecords(targets.get(i), batch.deletes().get(i));
                    }
                    for (MappedBatch.Quarantined record : batch.quarantined()) {
                        tx.quarantine(
                                subscriptionId,
                                entity,
                                record.key(),
                                record.collection(),
                                record.message(),
                                record.raw());
                    }
                    tx.release(subscriptionId, entity, batch.released());
                    written.add(batch);
                    records += batch.received();
                }
                boolean last = !written.get(written.size() - 1).hasMore();
                group = last || records >= TRANSACTION_RECORDS ? List.of() : queue.pollGroup(GROUP_RECORDS);
            }
            tx.commitCheckpoint(
                    subscriptionId, entity, written.get(written.size() - 1).next());
        });
        return written;
    }

    private static List<MappedBatch> take(BatchQueue queue) {
        try {
            // bounded: a poll has the connector's request timeout, retries are counted and capped, and the
            // polling thread reports every outcome
            return queue.takeGroup(GROUP_RECORDS, GROUP_LINGER_MILLIS);
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
        private final Set<String> fields;
        private final PullProgress progress;
        final AtomicLong retries = new AtomicLong();
        final AtomicLong pollCpuNanos = new AtomicLong();
        final AtomicLong pollWallNanos = new AtomicLong();

        Fetcher(String entity, PollSource source, int batchSize, Set<String> fields, PullProgress progress) {
            this.entity = entity;
            this.source = source;
            this.batchSize = batchSize;
            this.fields = fields;
            this.progress = progress;
        }

        Polled poll(Checkpoint from, Supplier<StreamedChunks> attempts) {
            int failuresInARow = 0;
            while (true) {
                PollBatch batch;
                StreamedChunks streamed = attempts.get();
                long started = THREADS.getCurrentThreadCpuTime();
                long wallStarted = System.nanoTime();
                try {
                    batch = source.stream(PollRequest.from(from, batchSize).withFields(fields), streamed);
                    streamed.flush();
                    pollWallNanos.addAndGet(System.nanoTime() - wallStarted);
                } catch (ConnectorException e) {
                    streamed.abandon();
                    pollCpuNanos.addAndGet(THREADS.getCurrentThreadCpuTime() - started);
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
                } catch (RuntimeException | Error e) {
                    streamed.abandon();
                    throw e;
                }
                pollCpuNanos.addAndGet(THREADS.getCurrentThreadCpuTime() - started);
                return new Polled(batch, streamed.mapping());
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
