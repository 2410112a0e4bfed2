package io.ipaas.harness.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import io.ipaas.mappings.MappingDocument;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PullRunnerTest {
    private static final List<MappingCollection> COLLECTIONS =
            MappingDocument.parse("""
            {"formatVersion": 1, "connector": "fake", "collections": [{
              "name": "things", "entity": "things", "direction": "inbound", "target": "product", "keyField": "id",
              "fields": [{"kind": "field", "target": "sku", "source": "sku", "required": true}]}]}
            """).collections();

    @TempDir
    Path home;

    Store store;
    final List<Duration> sleeps = new ArrayList<>();

    @BeforeEach
    void open() {
        store = Store.open(home);
    }

    @AfterEach
    void close() {
        store.close();
    }

    /** Serves pages of three records; the checkpoint is the page number. Faults can be queued per call. */
    static class PagedSource implements PollSource {
        final int pages;
        final List<RuntimeException> faults = new ArrayList<>();
        final List<Checkpoint> seen = new ArrayList<>();

        PagedSource(int pages) {
            this.pages = pages;
        }

        @Override
        public PollBatch poll(PollRequest request) {
            seen.add(request.from());
            if (!faults.isEmpty()) {
                throw faults.remove(0);
            }
            int page = request.from().isInitial()
                    ? 0
                    : ((Number) request.from().values().get("page")).intValue();
            List<Record> records = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                String id = "r" + (page * 3 + i);
                String sku = id.equals("r4") ? null : "SKU-" + id;
                java.util.Map<String, Object> fields = new java.util.HashMap<>();
                fields.put("id", id);
                fields.put("sku", sku);
                records.add(new Record("things", id, Operation.UPSERT, fields, Optional.empty(), Optional.empty()));
            }
            return new PollBatch(records, new Checkpoint(1, Map.of("page", page + 1)), page + 1 < pages);
        }
    }

    PullRunner runner() {
        return new PullRunner(store, sleeps::add);
    }

    /** The page number of the committed checkpoint (the store gives numbers back as whatever JSON made of them). */
    private int committedPage() {
        return ((Number) store.checkpoint("sub-1", "things")
                        .orElseThrow()
                        .values()
                        .get("page"))
                .intValue();
    }

    @Test
    void recordsAndCheckpointAreCommittedTogetherAndAMappingFailureIsQuarantinedNotLost() {
        PagedSource source = new PagedSource(3);
        PullReport report = runner().pull("sub-1", "things", source, COLLECTIONS, false, 100, PullProgress.NONE);
        assertEquals(9, report.received());
        assertEquals(8, report.stored());
        assertEquals(1, report.quarantined());
        assertEquals(8, store.count("records", "sub-1", "things"));
        assertEquals(
                List.of("r4: mapping 'things', field 'sku', record 'r4': source 'sku' is missing and the field is "
                        + "required; map another source field or give a default"),
                store.quarantined("sub-1", "things"));
        assertEquals(3, committedPage());
    }

    @Test
    void aNonTransientFailureMidPullLeavesTheLastCommittedCheckpointAndRerunningUpdatesWithoutDuplicates() {
        PagedSource source = new PagedSource(3) {
            @Override
            public PollBatch poll(PollRequest request) {
                if (!request.from().isInitial()
                        && ((Number) request.from().values().get("page")).intValue() == 2) {
                    throw ConnectorException.authentication("token revoked", null);
                }
                return super.poll(request);
            }
        };
        assertThrows(
                ConnectorException.class,
                () -> runner().pull("sub-1", "things", source, COLLECTIONS, false, 100, PullProgress.NONE));
        assertEquals(2, committedPage(), "pages 1 and 2 were stored and committed; page 3 was never read");
        assertEquals(5, store.count("records", "sub-1", "things"));

        runner().pull("sub-1", "things", new PagedSource(3), COLLECTIONS, true, 100, PullProgress.NONE);
        runner().pull("sub-1", "things", new PagedSource(3), COLLECTIONS, true, 100, PullProgress.NONE);
        assertEquals(8, store.count("records", "sub-1", "things"), "upserts by key, never duplicates");
        assertEquals(1, store.count("quarantine", "sub-1", "things"));
    }

    /**
     * Streams one page of {@code size} records; an attempt may first stream {@code brokenAfter} records of other keys
     * and then fail, as a connection that breaks mid-page does.
     */
    static final class StreamingSource implements PollSource {
        final int size;
        final List<RuntimeException> failures = new ArrayList<>();
        final int brokenAfter;
        int attempts;

        StreamingSource(int size, int brokenAfter) {
            this.size = size;
            this.brokenAfter = brokenAfter;
        }

        @Override
        public PollBatch poll(PollRequest request) {
            return PollSource.collect(this, request);
        }

        @Override
        public PollBatch stream(PollRequest request, java.util.function.Consumer<Record> records) {
            attempts++;
            if (!failures.isEmpty()) {
                for (int i = 0; i < brokenAfter; i++) {
                    records.accept(thing("broken-" + i));
                }
                throw failures.remove(0);
            }
            for (int i = 0; i < size; i++) {
                records.accept(thing("r" + i));
            }
            return new PollBatch(List.of(), new Checkpoint(1, Map.of("page", 1)), false);
        }

        private static Record thing(String id) {
            return new Record(
                    "things",
                    id,
                    Operation.UPSERT,
                    Map.of("id", id, "sku", "SKU-" + id),
                    Optional.empty(),
                    Optional.empty());
        }
    }

    @Test
    void recordsStreamedByAnAttemptThatFailsAreNeverStoredAndTheRetryStoresTheWholePage() {
        // more than a few chunks, so some of the failed attempt's records were mapped before it failed
        StreamingSource source = new StreamingSource(2_300, 1_700);
        source.failures.add(ConnectorException.transientFailure("connection reset mid-page", null, null));
        PullReport report = runner().pull("sub-1", "things", source, COLLECTIONS, false, 5_000, PullProgress.NONE);
        assertEquals(2, source.attempts);
        assertEquals(2_300, report.received());
        assertEquals(2_300, store.count("records", "sub-1", "things"));
        assertTrue(
                store.records("sub-1", "things", 10_000).stream()
                        .noneMatch(r -> r.key().startsWith("broken-")),
                "a record of the failed attempt was stored");
        assertEquals(1, committedPage());
    }

    @Test
    void aStreamThatFailsForGoodStoresNothingAndCommitsNothing() {
        StreamingSource source = new StreamingSource(2_300, 1_700);
        source.failures.add(ConnectorException.remote("a continuation link to another host", null));
        ConnectorException e = assertThrows(
                ConnectorException.class,
                () -> runner().pull("sub-1", "things", source, COLLECTIONS, false, 5_000, PullProgress.NONE));
        assertEquals(ErrorKind.REMOTE, e.kind());
        assertEquals(0, store.count("records", "sub-1", "things"));
        assertTrue(store.checkpoint("sub-1", "things").isEmpty());
    }

    @Test
    void transientFailuresAreRetriedWithTheSameCheckpointHonouringRetryAfter() {
        PagedSource source = new PagedSource(2);
        source.faults.add(ConnectorException.transientFailure("throttled", Duration.ofSeconds(7), null));
        source.faults.add(ConnectorException.transientFailure("busy", null, null));
        PullReport report = runner().pull("sub-1", "things", source, COLLECTIONS, false, 100, PullProgress.NONE);
        assertEquals(6, report.received());
        assertEquals(2, report.retries());
        assertEquals(Duration.ofSeconds(7), sleeps.get(0));
        assertTrue(source.seen.get(0).isInitial()
                && source.seen.get(1).isInitial()
                && source.seen.get(2).isInitial());
    }

    @Test
    void givesUpAfterTooManyTransientFailuresWithoutMovingTheCheckpoint() {
        PagedSource source = new PagedSource(2);
        for (int i = 0; i <= PullRunner.MAX_RETRIES; i++) {
            source.faults.add(ConnectorException.transientFailure("down", Duration.ZERO, null));
        }
        ConnectorException e = assertThrows(
                ConnectorException.class,
                () -> runner().pull("sub-1", "things", source, COLLECTIONS, false, 100, PullProgress.NONE));
        assertEquals(ErrorKind.TRANSIENT, e.kind());
        assertTrue(store.checkpoint("sub-1", "things").isEmpty());
    }

    @Test
    void aRecordThatLaterMapsCleanlyLeavesQuarantine() {
        runner().pull("sub-1", "things", new PagedSource(2), COLLECTIONS, false, 100, PullProgress.NONE);
        assertEquals(1, store.count("quarantine", "sub-1", "things"));
        PagedSource fixed = new PagedSource(2) {
            @Override
            public PollBatch poll(PollRequest request) {
                PollBatch batch = super.poll(request);
                List<Record> records = batch.records().stream()
                        .map(r -> new Record(
                                r.entity(),
                                r.key(),
                                r.operation(),
                                Map.of("id", r.key(), "sku", "SKU-" + r.key()),
                                r.modifiedAt(),
                                r.version()))
                        .toList();
                return new PollBatch(records, batch.next(), batch.hasMore());
            }
        };
        runner().pull("sub-1", "things", fixed, COLLECTIONS, true, 100, PullProgress.NONE);
        assertEquals(0, store.count("quarantine", "sub-1", "things"));
        assertEquals(6, store.count("records", "sub-1", "things"));
    }

    @Test
    void aRetryAfterLongerThanTheCapStopsThePullWithoutSleepingAndKeepsTheCheckpoint() {
        PagedSource source = new PagedSource(3);
        PullRunner runner = new PullRunner(store, sleeps::add, Duration.ofSeconds(60));
        runner.pull("sub-1", "things", new PagedSource(1), COLLECTIONS, false, 100, PullProgress.NONE);
        Checkpoint before = store.checkpoint("sub-1", "things").orElseThrow();
        source.faults.add(ConnectorException.transientFailure("throttled", Duration.ofSeconds(3600), null));
        WaitTooLong e = assertThrows(
                WaitTooLong.class,
                () -> runner.pull("sub-1", "things", source, COLLECTIONS, true, 100, PullProgress.NONE));
        assertEquals(Duration.ofSeconds(3600), e.asked());
        assertTrue(e.getMessage().contains("3600 s") && e.getMessage().contains("60 s"), e.getMessage());
        assertTrue(sleeps.isEmpty(), "never slept: " + sleeps);
        assertEquals(before, store.checkpoint("sub-1", "things").orElseThrow());
    }

    @Test
    void everyWaitIsToldAndTheBackoffNeverExceedsTheCap() {
        PagedSource source = new PagedSource(1);
        source.faults.add(ConnectorException.transientFailure("busy", null, null));
        source.faults.add(ConnectorException.transientFailure("busy", null, null));
        source.faults.add(ConnectorException.transientFailure("throttled", Duration.ofSeconds(1), null));
        List<String> told = new ArrayList<>();
        PullProgress progress = new PullProgress() {
            @Override
            public void committed(long received, long pages) {}

            @Override
            public void retrying(Duration wait, int attempt, int maxAttempts, String reason) {
                told.add(wait.toMillis() + " ms, " + attempt + "/" + maxAttempts + ": " + reason);
            }
        };
        new PullRunner(store, sleeps::add, Duration.ofMillis(1500))
                .pull("sub-1", "things", source, COLLECTIONS, false, 100, progress);
        assertEquals(List.of(Duration.ofMillis(1000), Duration.ofMillis(1500), Duration.ofSeconds(1)), sleeps);
        assertEquals(
                List.of("1000 ms, 1/5: busy", "1500 ms, 2/5: busy", "1000 ms, 3/5: throttled"),
                told,
                "a Retry-After within the cap is honoured as given; our own backoff is capped");
    }

    @Test
    void theNextBatchIsPolledWhileThePreviousOneIsStillBeingCommitted() throws InterruptedException {
        CountDownLatch secondPollStarted = new CountDownLatch(1);
        PagedSource source = new PagedSource(3) {
            @Override
            public PollBatch poll(PollRequest request) {
                if (!request.from().isInitial()) {
                    secondPollStarted.countDown();
                }
                return super.poll(request);
            }
        };
        boolean[] overlapped = new boolean[1];
        boolean[] first = {true};
        PullProgress progress = (received, pages) -> {
            if (first[0]) {
                first[0] = false;
                try {
                    overlapped[0] = secondPollStarted.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        runner().pull("sub-1", "things", source, COLLECTIONS, false, 100, progress);
        assertTrue(overlapped[0], "batch 2 was polled from batch 1's proposed checkpoint before the runner moved on");
        assertEquals(8, store.count("records", "sub-1", "things"));
    }

    @Test
    void whenThePullFailsAfterACommitTheBatchesReadAheadAreNeverWritten() {
        CountDownLatch firstCommitted = new CountDownLatch(1);
        CountDownLatch secondPolled = new CountDownLatch(1);
        PagedSource source = new PagedSource(3) {
            @Override
            public PollBatch poll(PollRequest request) {
                int page = request.from().isInitial()
                        ? 0
                        : ((Number) request.from().values().get("page")).intValue();
                try {
                    if (page == 1) {
                        // read ahead, but only once batch 1 is committed, so batch 1 is written alone
                        firstCommitted.await(10, TimeUnit.SECONDS);
                    } else if (page == 2) {
                        new CountDownLatch(1).await(10, TimeUnit.SECONDS);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw ConnectorException.transientFailure("stopped", null, e);
                }
                PollBatch batch = super.poll(request);
                if (page == 1) {
                    secondPolled.countDown();
                }
                return batch;
            }
        };
        PullProgress failsAfterTheFirstCommit = (received, pages) -> {
            firstCommitted.countDown();
            try {
                // batch 2 is polled and on its way to the writer, batch 3 is being polled
                secondPolled.await(10, TimeUnit.SECONDS);
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("the host is shutting down");
        };
        assertThrows(
                IllegalStateException.class,
                () -> runner().pull("sub-1", "things", source, COLLECTIONS, false, 100, failsAfterTheFirstCommit));
        assertEquals(3, store.count("records", "sub-1", "things"), "only batch 1 (r0..r2) was written");
        assertEquals(1, committedPage());
    }

    @Test
    void batchesThatQueuedUpAreWrittenInOneTransactionWithTheLastCheckpoint() {
        CountDownLatch allPolled = new CountDownLatch(1);
        CountDownLatch firstCommitted = new CountDownLatch(1);
        PagedSource source = new PagedSource(4) {
            @Override
            public PollBatch poll(PollRequest request) {
                if (!request.from().isInitial()) {
                    try {
                        firstCommitted.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                PollBatch batch = super.poll(request);
                if (!batch.hasMore()) {
                    allPolled.countDown();
                }
                return batch;
            }
        };
        List<Long> committedPages = new ArrayList<>();
        PullProgress slowFirstCommit = (received, pages) -> {
            if (committedPages.isEmpty()) {
                firstCommitted.countDown();
                try {
                    allPolled.await(10, TimeUnit.SECONDS);
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            committedPages.add(pages);
        };
        PullReport report = runner().pull("sub-1", "things", source, COLLECTIONS, false, 100, slowFirstCommit);
        assertEquals(4, report.pages());
        assertEquals(List.of(1L, 4L), committedPages, "batch 1 alone, then the three that waited, together");
        assertEquals(4, committedPage());
    }

    @Test
    void rejectedRecordsAreQuarantinedWithTheBatch() {
        PagedSource source = new PagedSource(1) {
            @Override
            public PollBatch poll(PollRequest request) {
                PollBatch batch = super.poll(request);
                return new PollBatch(
                        batch.records(),
                        List.of(new RejectedRecord("bad-1", "field 'id' is not text", "{\"id\": 7}")),
                        batch.next(),
                        batch.hasMore());
            }
        };
        PullReport report = runner().pull("sub-1", "things", source, COLLECTIONS, false, 100, PullProgress.NONE);
        assertEquals(1, report.quarantined());
        assertEquals(List.of("bad-1: field 'id' is not text"), store.quarantined("sub-1", "things"));
        assertEquals(3, store.count("records", "sub-1", "things"));
    }
}
